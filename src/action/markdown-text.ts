/**
 * Text from users and generators placed inside Markdown that GitHub renders: a comment, the
 * job summary. It must not open HTML tags, close a table cell or start a heading.
 */

/** Text for one table cell: pipes escaped, HTML neutralised, kept on one line. */
export function tableCell(text: string): string {
  return inlineText(text).replaceAll('|', '\\|');
}

/** Text for a line of prose: HTML neutralised and newlines turned into `<br>`. */
export function inlineText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/\r?\n/g, '<br>');
}

/** Text inside backticks: a backtick in it would end the code span, so it is replaced. */
export function inlineCode(text: string): string {
  return `\`${text.replaceAll('`', "'").replace(/\r?\n/g, ' ')}\``;
}
