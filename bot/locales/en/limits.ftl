## Hostile files and odd input: what is refused, and the limit it passed

error-message-too-long = The message is { $length } characters long, over the { $max } the bot takes; send it shorter, or in several messages.
cli-file-refused = The file { $path } is refused; nothing has been imported: { $reason }.
criteria-file-refused = The file cannot be used: { $reason }. Correct it and send it again, or type /menu to cancel.
import-unsafe-characters = «{ $field }» holds the control character { $char } (often pasted from another program); type it again
refused-file-too-large = the file is over { $max_mb } MB
refused-yaml-too-deep = line { $line }: entries nested more than { $max } levels deep
refused-yaml-too-many-values = the file holds over { $max } values once its YAML aliases (*name) are expanded; write the values out instead of aliases
refused-yaml-alias-loop = line { $line }: the alias *{ $anchor } sits inside the very value it names (a loop)
refused-xlsx-too-many-parts = the .xlsx file has too many parts (at most { $max })
refused-xlsx-unpacked-too-large = the .xlsx file unpacks to over { $max_mb } MB
refused-xlsx-packed-too-tight = the part { $part } of the .xlsx file is packed { $ratio } times (at most { $max }), the mark of a zip bomb
refused-sheet-too-many-rows = the sheet «{ $sheet }» has over { $max } rows (counting the blank rows above its last filled cell); delete the rows not needed
refused-sheet-too-many-columns = the sheet «{ $sheet }» has over { $max } columns; delete the columns not needed
refused-too-deep = the JSON data is nested more than { $max } levels deep
refused-not-finite = the JSON data holds a number that is not finite ({ $value })
refused-xlsx-dtd = the part { $part } of the .xlsx file declares a DTD or entities, which no Excel file has (the mark of an XML bomb)
