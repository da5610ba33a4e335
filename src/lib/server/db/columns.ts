// The column types the schema's tables share.
import type { ColumnType } from 'kysely';

/** A timestamp: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A timestamp with a database default that later writes set. */
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date as 'yyyy-mm-dd'. */
export type DateOnly = string;
export type Json = ColumnType<unknown, string | null, string | null>;
