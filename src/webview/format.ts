/** Figures as the report page shows them. */
import * as l10n from '@vscode/l10n';

export function hoursAndMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return seconds > 0 && minutes === 0 ? l10n.t('{0} s', Math.round(seconds)) : l10n.t('{0} min', minutes);
  return rest ? l10n.t('{0} h {1} min', hours.toLocaleString(), rest) : l10n.t('{0} h', hours.toLocaleString());
}
