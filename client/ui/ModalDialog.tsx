import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  title: string;
  /** Escape, or the caller's own buttons; the caller unmounts the dialog and places focus. */
  onClose: () => void;
  children: ReactNode;
  /** More classes for the dialog (e.g. a wider one). */
  className?: string;
}

/**
 * A native modal <dialog>: the browser keeps focus inside it and makes the rest of the page inert;
 * Escape closes it. It opens when mounted.
 */
export function ModalDialog({ title, onClose, children, className }: ModalDialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 className="dialog__title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
