import './suggestions.css';
import { useSyncExternalStore } from 'react';
import type { SuggestMode } from './SuggestMode';

interface SuggestModeBarProps {
  mode: SuggestMode;
  /** The section's editor's name ("Police and Crime Commissioner's comments"). */
  label: string;
  /** The id of the hint, which the editor names as its description while suggesting. */
  hintId: string;
  /** The member could write the section directly. */
  writer: boolean;
}

/**
 * The suggest-mode toggle above a section's editor (a button with aria-pressed, so its name stays
 * the same), what the mode does, and what it has just done or failed to do.
 */
export function SuggestModeBar({ mode, label, hintId, writer }: SuggestModeBarProps) {
  const state = useSyncExternalStore(mode.subscribe, mode.getSnapshot);
  return (
    <div className="suggest-bar" role="group" aria-label={`Suggest mode for ${label}`}>
      <div className="suggest-bar__row">
        <button
          className={state.on ? 'button button--small suggest-bar__toggle suggest-bar__toggle--on' : 'button button--secondary button--small suggest-bar__toggle'}
          type="button"
          aria-pressed={state.on}
          onClick={() => mode.setOn(!state.on)}
        >
          Suggest changes<span className="visually-hidden"> to {label}</span>
        </button>
        <p className="suggest-bar__mode">{state.on ? 'Suggesting' : writer ? 'Editing' : 'Reading'}</p>
      </div>
      {state.on && (
        <p className="hint suggest-bar__hint" id={hintId}>
          What you type here is not written to the text: it is sent as a suggestion when you pause, press Enter or leave it, for
          the section’s owners to accept or reject. Escape discards it. A suggestion stays within one paragraph.
        </p>
      )}
      <p className="hint suggest-bar__message" role="status">
        {state.message && <span key={state.messageCount}>{state.message}</span>}
      </p>
      {state.problem && (
        <p className="thread-error" role="alert">
          {state.problem}
        </p>
      )}
    </div>
  );
}
