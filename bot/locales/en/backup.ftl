## Backup and restore (export-data, import-data)

backup-exported = Exported { $rows } rows ({ $tables } tables) to { $file }.
backup-exported-bloc = Exported bloc { $bloc }: { $rows } rows ({ $tables } tables) to { $file }.
backup-imported = Imported { $rows } rows ({ $tables } tables) from { $file }.
backup-replaced = Deleted { $rows } existing rows before importing (--replace).
backup-table-count = { $table }: { $count } { $count ->
        [one] row
       *[other] rows
    }
backup-export-failed = Nothing exported, no file written: { $reason }
backup-import-failed = Nothing imported, the database is unchanged: { $reason }
backup-error-file-not-found = file { $path } not found
backup-error-unreadable = cannot read { $path } ({ $reason })
backup-error-unwritable = cannot write { $path } ({ $reason })
backup-error-not-a-backup = the file is not a data export of this bot
backup-error-format-version = the file is in format version { $version }; this release reads version { $ours } only
backup-error-file-revision = the file was exported from a database at revision { $revision }, this release is at { $head }; export again with the same release (python main.py migrate on the source, then export-data)
backup-error-source-revision = the database is at revision { $revision }, this release is at { $head }; run python main.py migrate first
backup-error-target-not-migrated = the target database has no tables yet; run python main.py migrate first
backup-error-target-revision = the target database is at revision { $revision }, it must be at this release's { $head } (python main.py migrate)
backup-error-target-not-empty = the target database already holds data ({ $tables }); add --replace to delete it all and put the file's data in its place
backup-error-unknown-table = the file has an unknown table { $table }
backup-error-bad-row = table { $table }, row { $row }: { $detail }
backup-error-bad-value = table { $table }, row { $row }, column { $column }: { $detail }
backup-problem-not-a-list = the table is not a list of rows
backup-problem-not-object = the row is not a JSON object
backup-problem-unknown-columns = unknown columns: { $columns }
backup-problem-missing-columns = missing columns: { $columns }
backup-problem-control-character = text with the control character { $char }
backup-problem-too-long = { $length } characters, more than the column's { $limit }
backup-problem-int-range = { $value } is out of range for a { $bits }-bit integer
backup-problem-json-too-deep = JSON nested more than { $limit } levels deep
backup-problem-json-non-finite = JSON with the non-finite number { $number }
backup-problem-json-control-character = JSON text with the control character { $char }
backup-problem-no-zone = a date and time without its zone
backup-problem-not-date = not a valid date
backup-problem-not-decimal = not a decimal number
backup-problem-not-finite = not a finite number
backup-problem-not-base64 = not base64
backup-problem-not-bool = not true or false
backup-problem-not-int = not a whole number
backup-problem-not-string = not a string
backup-error-count-mismatch = table { $table } has { $found } rows but the header says { $expected } (a truncated file?)
backup-error-insert-failed = the database refused table { $table }: { $reason }
backup-error-bloc-not-found = there is no bloc { $bloc }
