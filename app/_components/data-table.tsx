import { useId, type CSSProperties, type ReactNode } from "react";

export interface Column<Row> {
  /** Tells the column from its siblings (React's key); never shown. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The cell names its row (a `th scope="row"`), as a learner's name does in the gradebook. */
  isRowHeader?: boolean;
  style?: CSSProperties;
}

interface DataTableProps<Row> {
  /** The table's name for assistive technology; the page's heading already shows it to the eye. */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** Shown instead of the table when there are no rows; without it, nothing is. */
  empty?: ReactNode;
  testId?: string;
  rowTestId?: string;
}

/**
 * A table that scrolls inside its own box, so a wide one never makes a narrow phone scroll the
 * whole page sideways; the box is a named, focusable region so keyboard users can scroll it too.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty, testId, rowTestId }: DataTableProps<Row>) {
  const captionId = useId();
  if (rows.length === 0) return empty === undefined ? null : <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table data-testid={testId}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.key}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId}>
              {columns.map((column) =>
                column.isRowHeader ? (
                  <th scope="row" key={column.key} style={column.style}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} style={column.style}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
