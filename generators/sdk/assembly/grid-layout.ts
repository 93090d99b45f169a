// Places panels on Grafana's 24-column grid, left to right and top to bottom, so that no two
// panels overlap whatever sizes a generator picks.
import { fail } from './stdio';

/** Grafana dashboards are 24 columns wide. */
export const gridColumns = 24;

/** A panel's place on the grid, in columns (x, w) and rows of 30 px (y, h). */
export class GridPosition {
  constructor(public x: i32, public y: i32, public w: i32, public h: i32) {}
}

/** Hands out grid positions in reading order. */
export class GridLayout {
  private x: i32 = 0;
  private y: i32 = 0;
  /** Height of the tallest panel on the current line. */
  private lineHeight: i32 = 0;

  /** The next free place of `width` x `height`, starting a new line when this one is full. */
  place(width: i32, height: i32): GridPosition {
    if (width < 1 || width > gridColumns || height < 1) {
      return fail<GridPosition>('generator bug: a panel of ' + width.toString() + 'x'
        + height.toString() + ' does not fit the 24-column grid');
    }
    if (this.x + width > gridColumns) {
      this.newLine();
    }
    const position = new GridPosition(this.x, this.y, width, height);
    this.x += width;
    this.lineHeight = max(this.lineHeight, height);
    return position;
  }

  /** A full-width place of height 1 on a line of its own, for a row header. */
  placeRow(): GridPosition {
    this.newLine();
    const position = this.place(gridColumns, 1);
    this.newLine();
    return position;
  }

  /** Moves below everything placed so far. */
  newLine(): void {
    this.y += this.lineHeight;
    this.x = 0;
    this.lineHeight = 0;
  }
}
