import Testing

@testable import Reporting

@Suite struct HTMLEscapingTests {
    @Test func textEscapesMarkupCharacters() {
        #expect(HTML.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTML.escape("fish & chips") == "fish &amp; chips")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
    }

    @Test func textKeepsQuotesAndOtherCharacters() {
        #expect(HTML.escape("say \"hi\" 'x'") == "say \"hi\" 'x'")
        #expect(HTML.escape("Ünïcödé 猫 🐈") == "Ünïcödé 猫 🐈")
        #expect(HTML.escape("") == "")
    }

    @Test func attributeEscapesQuotes() {
        #expect(HTML.escapeAttribute("a\"b'c") == "a&quot;b&#39;c")
        #expect(HTML.escapeAttribute("\" onload=\"alert(1)") == "&quot; onload=&quot;alert(1)")
        #expect(HTML.escapeAttribute("<&>") == "&lt;&amp;&gt;")
    }
}
