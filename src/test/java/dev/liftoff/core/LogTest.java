package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class LogTest {
  @Test
  void aLineIsLogfmtWithQuotesOnlyWhereNeeded() {
    assertEquals("liftoff at=info event=download url=https://example.com/app.zip bytes=1048576"
        + " msg=\"two words\" empty=\"\" quote=\"say \\\"hi\\\"\"",
        Log.line("info", "download", "url", "https://example.com/app.zip", "bytes", 1048576,
            "msg", "two words", "empty", "", "quote", "say \"hi\""));
  }

  @Test
  void aNewlineCannotStartAFakeLogLine() {
    String line = Log.line("error", "exit", "msg", "bad\nliftoff at=info event=forged");

    assertFalse(line.contains("\n"), line);
  }

  @Test
  void urlPasswordsAreMaskedInEveryValue() {
    assertEquals("liftoff at=info event=wait url=mysql://user:***@db:3306/app",
        Log.line("info", "wait", "url", "mysql://user:p%40ss@db:3306/app"));
  }

  @Test
  void aDebugStackTraceMasksUrlPasswordsToo() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    Log log = new Log(new java.io.PrintStream(bytes, true), true);

    log.stackTrace(new IllegalStateException("cannot reach mysql://u:hunter2@db/app"));

    String trace = bytes.toString();
    assertFalse(trace.contains("hunter2"), trace);
    org.junit.jupiter.api.Assertions.assertTrue(trace.contains("mysql://u:***@db/app"), trace);
  }

  @Test
  void redactionMasksThePasswordUpToTheLastAtSign() {
    assertEquals("mysql://u:***@host/db", Redact.urls("mysql://u:p@ss@host/db"));
    assertEquals("see redis://:***@cache:6379 and postgres://a:***@b/c",
        Redact.urls("see redis://:secret@cache:6379 and postgres://a:b@b/c"));
    assertEquals("https://example.com/a@b", Redact.urls("https://example.com/a@b"));
    assertEquals("mysql://user@host/db", Redact.urls("mysql://user@host/db"));
  }

  @Test
  void controlCharactersFromOutsideAreEscapedNotWritten() {
    String line = Log.line("error", "exit", "msg",
        "HTTP 500 \u001b[2J\u0007reason\u0085 \u202eevil \u0000");

    assertEquals("liftoff at=error event=exit msg=\"HTTP 500 \\x1b[2J\\x07reason\\x85"
        + " \\u202eevil \\x00\"", line);
  }

  @Test
  void aRegisteredSecretIsMaskedBeforeItsValueIsQuoted() {
    Secrets secrets = new Secrets();
    secrets.add("se\"cr\\et");

    assertEquals("liftoff at=info event=x v=\"a *** b\"",
        Log.line(secrets, "info", "x", "v", "a se\"cr\\et b"));
  }
}
