import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ConfirmationPanelProps {
  title: string;
  /** The heading level the panel's title takes where it sits. */
  headingLevel: 2 | 3;
  children: ReactNode;
}

/**
 * GOV.UK's confirmation panel, shown after an action went through: it takes focus when it
 * appears, so a screen reader says what happened and the keyboard carries on from there.
 */
export function ConfirmationPanel({ title, headingLevel, children }: ConfirmationPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="confirmation-panel" role="group" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <Heading className="confirmation-panel__title" id={titleId}>
        {title}
      </Heading>
      <div className="confirmation-panel__body">{children}</div>
    </div>
  );
}
