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
    if (text.length == 10 && text[4] == '-' && text[7] == '-') {
        val year = digitsAt(text, 0, 4)
        val month = digitsAt(text, 5, 7)
        val day = digitsAt(text, 8, 10)
        if (year >= 0 && month >= 0 && day >= 0) {
            try {
                return LocalDate.of(year, month, day)
            } catch (_: DateTimeException) {
                // LocalDate.parse below throws its own exception for it
            }
        }
    }
    return LocalDate.parse(text)
}

/** The number written by the ASCII digits `text[from until to]`, or -1 if one is not a digit. */
private fun digitsAt(text: String, from: Int, to: Int): Int {
    var n = 0
    for (i in from until to) {
        val d = text[i] - '0'
        if (d !in 0..9) return -1
        n = n * 10 + d
    }
    return n
}
