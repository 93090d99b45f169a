export interface FitTextOptions {
  readonly maxCharacters: number;
  /** Appended when the text was cut; counted in `maxCharacters`. */
  readonly note: string;
}

/**
 * The text as it is when it fits, else cut at the last line break that leaves room for the
 * note, followed by the note. GitHub rejects a comment or a job summary over its size limit
 * outright, so a long report is better cut than lost.
 */
export function fitText(text: string, options: FitTextOptions): string {
  if (text.length <= options.maxCharacters) {
    return text;
  }
  const room = Math.max(0, options.maxCharacters - options.note.length);
  const cut = text.lastIndexOf('\n', room);

  return `${text.slice(0, cut > 0 ? cut : room)}${options.note}`;
}
