/**
 * ECharts puts tooltip formatter output into the page as HTML without sanitizing it, and
 * labels come from files and user-edited schemes: every such string passes through here.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
