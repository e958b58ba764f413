const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "512 bytes", "14.2 KB", "3.1 MB" (powers of 1,024, as Windows Explorer shows file sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en-GB')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${number.format(value)} ${units[unit]}`;
}
