/**
 * How our messages cross between extension contexts: one JSON string in an envelope, `{ bouclier: "…" }`.
 *
 * Why: Chrome converts a message object value by value (every text of a 128-text classify batch, every
 * field of 200 review-log entries); sending one string costs the sender several times less per message
 * (JSON.stringify and JSON.parse are fast, and lossless for our messages, lone surrogates included). On the
 * bench page the saving is within the noise of the extension's total main-thread time.
 * Receivers accept a plain object too (tests and the bench's harness send those) and answer in the form
 * they were asked in.
 */

export interface Envelope {
  bouclier: string;
}

export function pack(message: unknown): Envelope {
  return { bouclier: JSON.stringify(message) };
}

/** True for an envelope made by pack(). */
export function isPacked(raw: unknown): raw is Envelope {
  return typeof raw === 'object' && raw !== null && typeof (raw as { bouclier?: unknown }).bouclier === 'string';
}

/**
 * The message inside an envelope, a plain message as it is, or undefined when the envelope does not hold
 * JSON (nothing of ours: it is then treated like any malformed message).
 */
export function unpack(raw: unknown): unknown {
  if (!isPacked(raw)) return raw;
  try {
    return JSON.parse(raw.bouclier) as unknown;
  } catch {
    return undefined;
  }
}
