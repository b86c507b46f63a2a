// The palette of globals.css (--accent, --good, --bad), for marks Plot draws into the SVG.
export const ACCENT = "#2f5bd3";
export const GOOD = "#1f7a3d";
export const BAD = "#b3261e";
