/** Figures as the report page shows them. */

export function hoursAndMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return seconds > 0 && minutes === 0 ? `${Math.round(seconds)} s` : `${minutes} min`;
  return rest ? `${hours.toLocaleString()} h ${rest} min` : `${hours.toLocaleString()} h`;
}

export function count(value: number, one: string, many: string): string {
  return `${value.toLocaleString()} ${value === 1 ? one : many}`;
}
