/** The kinds of personal data the doxxing detectors report, and the span each finding is. */
export type DoxxKind = 'phone' | 'email' | 'address' | 'plate' | 'own_identifier';
export const DOXX_KINDS: readonly DoxxKind[] = ['phone', 'email', 'address', 'plate', 'own_identifier'];

export interface DoxxSpan {
  label: 'doxxing';
  kind: DoxxKind;
  /** UTF-16 offsets into the text the caller passed */
  start: number;
  end: number;
}

export const span = (kind: DoxxKind, start: number, end: number): DoxxSpan => ({ label: 'doxxing', kind, start, end });
