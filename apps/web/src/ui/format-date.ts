const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(isoDate));
}
