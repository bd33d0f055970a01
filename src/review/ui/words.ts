/** Stored ids as words of her browser's language on the review page (the exports use their own language). */
import { browser } from 'wxt/browser';
import { t } from '@/src/ui/i18n';
import { wordsFor } from '../export/words';

export const words = wordsFor(t);

/** A date and time as her browser writes them. */
export const fmt = (ms: number): string => new Date(ms).toLocaleString(browser.i18n.getUILanguage());

/** A model score as her browser writes numbers (0,93 in French). */
export const score = (v: number): string => v.toLocaleString(browser.i18n.getUILanguage(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
