// Persistent storage: ask the browser to keep our data, report what it granted, spot iOS Safari's 7-day eviction.

export interface StorageInfo {
  /** null when the browser cannot say. */
  persisted: boolean | null;
  /** Bytes used by this origin, or null when unknown. */
  usage: number | null;
  /** Bytes this origin may use, or null when unknown. */
  quota: number | null;
}

function storageManager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

/** true/false: the browser's answer; null: the browser has no way to ask. */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = storageManager();
  if (!storage || typeof storage.persist !== 'function') return null;
  try {
    return await storage.persist();
  } catch {
    // Some browsers throw instead of answering (e.g. in private windows): treat as not granted.
    return false;
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const storage = storageManager();
  if (!storage) return { persisted: null, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([
    typeof storage.persisted === 'function' ? storage.persisted().catch(() => null) : Promise.resolve(null),
    typeof storage.estimate === 'function' ? storage.estimate().catch(() => null) : Promise.resolve(null),
  ]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

const IOS_DEVICE = /\b(iPhone|iPad|iPod)\b/;
const MAC = /\bMacintosh\b/;
// Other iOS browsers and in-app views: WebKit too, but not Safari and not under Safari's 7-day rule.
const NOT_SAFARI = /\b(CriOS|FxiOS|EdgiOS|OPiOS|OPT|GSA|YaBrowser|DuckDuckGo|Ddg|FBAN|FBAV|Instagram)\//;

/**
 * True when Safari on an iPhone, iPad or iPod runs the app as a web page (not from the home screen):
 * Safari may then erase all site data after 7 days without a visit.
 * iPadOS presents itself as a Mac by default; only touch support tells them apart.
 */
export function isIosSafariOutsideStandalone(ua: string, standalone: boolean, maxTouchPoints = 0): boolean {
  if (standalone) return false;
  const ios = IOS_DEVICE.test(ua) || (MAC.test(ua) && maxTouchPoints > 1);
  if (!ios) return false;
  const safari = /\bVersion\/[\d.]+/.test(ua) && /\bSafari\//.test(ua);
  return safari && !NOT_SAFARI.test(ua);
}

/** isIosSafariOutsideStandalone for the browser the app runs in. */
export function shouldWarnIosEviction(): boolean {
  if (typeof navigator === 'undefined') return false;
  const standalone =
    (navigator as Navigator & { standalone?: boolean }).standalone === true ||
    (typeof window !== 'undefined' && window.matchMedia?.('(display-mode: standalone)').matches === true);
  return isIosSafariOutsideStandalone(navigator.userAgent, standalone, navigator.maxTouchPoints ?? 0);
}
