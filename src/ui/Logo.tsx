import { LOGO_PATHS, LOGO_VIEWBOX } from './logo-mark';

/** Bouclier's shield mark, drawn inline so it shows the same everywhere (no emoji font needed). */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox={LOGO_VIEWBOX} aria-hidden="true" focusable="false" style={{ verticalAlign: '-3px', marginRight: 6 }}>
      {LOGO_PATHS.map((p) => (
        <path key={p.d} d={p.d} fill={p.fill} />
      ))}
    </svg>
  );
}
