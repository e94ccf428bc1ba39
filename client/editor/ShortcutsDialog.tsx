import { ModalDialog } from '../ui/ModalDialog';
import { keysLabel, SHORTCUT_GROUPS } from './shortcuts';

/** The editor's keyboard shortcuts, listed by what they do. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose}>
      <p>
        <button className="button button--secondary" type="button" onClick={onClose}>
          Close
        </button>
      </p>
      <div className="dialog__body">
        {SHORTCUT_GROUPS.map((group) => (
          <table className="table shortcuts" key={group.title}>
            <caption className="shortcuts__caption">{group.title}</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Keys</th>
              </tr>
            </thead>
            <tbody>
              {group.shortcuts.map((shortcut) => (
                <tr key={shortcut.action}>
                  <td>{shortcut.action}</td>
                  <td>
                    {shortcut.keys.map((keys, i) => (
                      <span key={keysLabel(keys)}>
                        {i > 0 && ' or '}
                        <kbd className="kbd">{keysLabel(keys)}</kbd>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </ModalDialog>
  );
}
