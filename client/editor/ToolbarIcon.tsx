// The toolbar's pictures. They are decoration (aria-hidden): every button says in words what it does.

/** The pictures the toolbar draws. */
export type IconName =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'heading'
  | 'subheading'
  | 'bulletList'
  | 'orderedList'
  | 'link'
  | 'undo'
  | 'redo'
  | 'clear'
  | 'table'
  | 'shortcuts';

function Glyph({ children, italic, weight = 700, size = 15 }: { children: string; italic?: boolean; weight?: number; size?: number }) {
  return (
    <text
      x="12"
      y="17"
      textAnchor="middle"
      fontSize={size}
      fontWeight={weight}
      fontStyle={italic ? 'italic' : 'normal'}
      fontFamily={italic ? 'Georgia, serif' : 'inherit'}
      fill="currentColor"
      stroke="none"
    >
      {children}
    </text>
  );
}

function shape(name: IconName) {
  switch (name) {
    case 'bold':
      return <Glyph size={17}>B</Glyph>;
    case 'italic':
      return <Glyph italic size={18} weight={400}>I</Glyph>;
    case 'underline':
      return (
        <>
          <Glyph size={15} weight={400}>U</Glyph>
          <path d="M6 20.5h12" />
        </>
      );
    case 'heading':
      return <Glyph size={13}>H1</Glyph>;
    case 'subheading':
      return <Glyph size={13}>H2</Glyph>;
    case 'bulletList':
      return (
        <>
          <path d="M9 6h11M9 12h11M9 18h11" />
          <circle cx="4.5" cy="6" r="1.3" fill="currentColor" />
          <circle cx="4.5" cy="12" r="1.3" fill="currentColor" />
          <circle cx="4.5" cy="18" r="1.3" fill="currentColor" />
        </>
      );
    case 'orderedList':
      return (
        <>
          <path d="M10 6h10M10 12h10M10 18h10" />
          <path d="M4 4.5 5.5 3.5v5M3.5 10.5a1.5 1.5 0 0 1 3 .4L3.5 14.5h3M3.5 16.5h3l-1.5 1.7a1.5 1.5 0 1 1-1.5 2" strokeWidth="1.2" />
        </>
      );
    case 'link':
      return <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.4 1.4M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.4-1.4" />;
    case 'undo':
      return <path d="M8 5 4 9l4 4M4 9h10a5 5 0 0 1 0 10h-3" />;
    case 'redo':
      return <path d="m16 5 4 4-4 4M20 9H10a5 5 0 0 0 0 10h3" />;
    case 'clear':
      return (
        <>
          <path d="M5 5h12M11 5v14" />
          <path d="m15 15 5 5m0-5-5 5" />
        </>
      );
    case 'table':
      return <path d="M3.5 5.5h17v13h-17zM3.5 10h17M3.5 14.5h17M10 5.5v13" />;
    case 'shortcuts':
      return (
        <>
          <path d="M2.5 6.5h19v11h-19z" />
          <path d="M6 10h1M9 10h1M12 10h1M15 10h1M18 10h0M7 14h10" />
        </>
      );
  }
}

/** One toolbar picture, 24 by 24, in the button's text colour. */
export function ToolbarIcon({ name }: { name: IconName }) {
  return (
    <svg
      className="toolbar__icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {shape(name)}
    </svg>
  );
}
