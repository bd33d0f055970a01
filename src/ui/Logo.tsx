/** Bouclier's shield mark, drawn inline so it shows the same everywhere (no emoji font needed). */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" style={{ verticalAlign: '-3px', marginRight: 6 }}>
      <path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z" fill="#5b4b8a" />
      <path d="M12 5.2 6.5 7.3v3.9c0 3.5 2.3 6.6 5.5 7.9V5.2Z" fill="#c9bfe3" />
    </svg>
  );
}
