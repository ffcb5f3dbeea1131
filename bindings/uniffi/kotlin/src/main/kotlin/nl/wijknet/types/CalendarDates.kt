// Written by hand (not generated): how the generated code reads a calendar date (the `lift` of
// CalendarDate in core/uniffi.toml).
package nl.wijknet.types

import java.time.DateTimeException
import java.time.LocalDate

/**
 * The date of the library's ISO-8601 text, `YYYY-MM-DD`, as [LocalDate.parse] reads it. The
 * library writes every date in that shape, and the general formatter of [LocalDate.parse] cost
 * more than the rest of lifting a match result; any other text, or a day that does not exist,
 * goes to [LocalDate.parse] and fails there as before.
 */
internal fun calendarDateFromText(text: String): LocalDate {
    if (text.length == 10 && (0 until 10).all { if (it == 4 || it == 7) text[it] == '-' else text[it] in '0'..'9' }) {
        try {
            return LocalDate.of(text.substring(0, 4).toInt(), text.substring(5, 7).toInt(), text.substring(8).toInt())
        } catch (_: DateTimeException) {
            // LocalDate.parse below throws its own exception for it
        }
    }
    return LocalDate.parse(text)
}
