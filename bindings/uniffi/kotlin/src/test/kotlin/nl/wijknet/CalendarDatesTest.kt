package nl.wijknet

import nl.wijknet.types.calendarDateFromText
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate
import java.time.format.DateTimeParseException

/** The hand-written lift of calendar dates reads what `LocalDate.parse` reads, and fails alike. */
class CalendarDatesTest {
    @Test
    fun `every day of the supported years reads as LocalDate parse reads it`() {
        var day = LocalDate.of(1899, 12, 25)
        val end = LocalDate.of(2200, 1, 5)
        while (day <= end) {
            val text = day.toString()
            assertEquals(LocalDate.parse(text), calendarDateFromText(text), text)
            day = day.plusDays(1)
        }
        for (text in listOf("0000-01-01", "0001-02-28", "9999-12-31", "+10000-01-01", "-0001-06-30")) {
            assertEquals(LocalDate.parse(text), calendarDateFromText(text), text)
        }
    }

    @Test
    fun `text that is not a date fails as LocalDate parse fails`() {
        for (text in listOf("", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-01", "2026/01/01", "2026-01-1x", "２０２６-01-01", "2026-01-01T00:00")) {
            val expected = assertThrows<DateTimeParseException>(text) { LocalDate.parse(text) }
            val actual = assertThrows<DateTimeParseException>(text) { calendarDateFromText(text) }
            assertEquals(expected.message, actual.message, text)
        }
    }
}
