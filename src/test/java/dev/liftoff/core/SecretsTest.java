package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
  final Secrets secrets = new Secrets();

  @Test
  void aValueIsMaskedAsWrittenPercentEncodedAndBackslashEscaped() {
    secrets.add("p@ss w\"rd/+");

    assertEquals("a *** b", secrets.mask("a p@ss w\"rd/+ b"));
    assertEquals("u:***@h", secrets.mask("u:p%40ss%20w%22rd%2F%2B@h"));
    assertEquals("u:***@h", secrets.mask("u:p%40ss+w%22rd%2f%2b@h"));
    assertEquals("msg=\"***\"", secrets.mask("msg=\"p@ss w\\\"rd/+\""));
    assertEquals("x=***", secrets.mask("x=p\\x40ss\\x20w\\u0022rd\\/+"));
  }

  @Test
  void anEncodedValueIsMaskedDecodedToo() {
    secrets.add("Zq8%2Bw%40rd");

    assertEquals("*** ***", secrets.mask("Zq8+w@rd Zq8%2Bw%40rd"));
  }

  @Test
  void aValueWithAControlCharacterIsMaskedInItsEscapedForms() {
    secrets.add("line1\nline2\u001b");

    assertEquals("[***] [***] [***]",
        secrets.mask("[line1\nline2\u001b] [line1\\nline2\\x1b] [line1\\nline2\\e]"));
  }

  @Test
  void valuesShorterThanFourCharactersAreNotMasked() {
    secrets.add("abc");
    secrets.addVariable("DB_PASSWORD", "xyz");

    assertTrue(secrets.isEmpty());
    assertEquals("abc xyz", secrets.mask("abc xyz"));
  }

  @Test
  void theLongerOfTwoOverlappingSecretsIsMaskedWhole() {
    secrets.add("tok-1234");
    secrets.add("Bearer tok-1234-more");

    assertEquals("Authorization: ***", secrets.mask("Authorization: Bearer tok-1234-more"));
    assertEquals("***-more", secrets.mask("tok-1234-more"));
  }

  @Test
  void variablesAreReadByNameAndByContent() {
    secrets.addVariable("MYSQL_PWD", "pwd-value-1");
    secrets.addVariable("GITHUB_PAT", "ghp_value2");
    secrets.addVariable("DB_PASS", "pass-value-3");
    secrets.addVariable("DATABASE_URL", "postgres://u:url%2Fpass@h:5432/db?sslmode=require");
    secrets.addVariable("JDBC_DATABASE_URL",
        "jdbc:postgresql://h:5432/db?user=u&password=jdbc-pass&ssl=true");
    secrets.addVariable("PQ", "host=h port=5432 password='pq \\'quoted' dbname=d");
    secrets.addVariable("DSN", "fleet:dsn-pass@tcp(h:3306)/db");
    secrets.addVariable("USE_TOKEN", "true");
    secrets.addVariable("PORT", "8080");
    secrets.addVariable("PWD", "/app/work");
    secrets.addVariable("OLDPWD", "/app/old");

    String masked = secrets.mask("pwd-value-1 ghp_value2 pass-value-3 url/pass jdbc-pass"
        + " pq 'quoted dsn-pass true 8080 sslmode=require /app/work /app/old");
    assertEquals("*** *** *** *** *** *** *** true 8080 sslmode=require /app/work /app/old",
        masked);
  }

  @Test
  void aPasswordWithRawDelimitersIsMaskedInThePiecesAParserQuotes() {
    secrets.addText("mysql://fleet:pa@ss:wo/rd@127.0.0.1:3306/fleet");

    assertEquals("near '***@127.0.0.1:3306/fleet'",
        secrets.mask("near 'wo/rd@127.0.0.1:3306/fleet'"));
    assertEquals("host '***'", secrets.mask("host 'ss:wo/rd'"));
    assertEquals("port 3306", secrets.mask("port 3306"));
  }

  @Test
  void aJsonMemberWithASecretNameIsASecret() {
    secrets.addText("{\"user\": \"fleet\", \"db_password\": \"js\\\"on-pw\", \"port\": 3306}");

    assertEquals("fleet *** 3306", secrets.mask("fleet js\"on-pw 3306"));
  }

  @Test
  void aWordAfterASecretFlagIsASecret() {
    secrets.addWords(List.of("migrate", "--password", "flag-secret", "--db-token=tok-4567",
        "--verbose", "loud"));

    assertEquals("migrate --password *** --db-token=*** --verbose loud",
        secrets.mask("migrate --password flag-secret --db-token=tok-4567 --verbose loud"));
  }

  @Test
  void anAuthHeaderIsMaskedWholeAndByItsCredential() {
    secrets.addHeader("Authorization: Basic "
        + java.util.Base64.getEncoder().encodeToString("user:basic-pw".getBytes()));

    assertEquals("*** ***", secrets.mask("basic-pw user:basic-pw"));
  }

  @Test
  void theStreamFindsASecretWrittenInPiecesAndPassesTheRestAsIs() {
    secrets.add("split-secret");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = secrets.masking(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    out.print("one spl");
    out.print("it-sec");
    out.println("ret two");
    out.print("héllo ✓ split-");
    out.flush();

    assertEquals("one *** two\nhéllo ✓ split-", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aVeryLongLineIsPassedOnWithoutLosingASecretAtTheBoundary() {
    secrets.add("boundary-secret");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = secrets.masking(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String filler = "x".repeat(64 * 1024 - 5);

    out.print(filler);
    out.print("boundary-secret");
    out.print("y".repeat(70 * 1024));
    out.println();

    String written = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(written.contains("boundary"), "a piece of the secret passed");
    assertEquals(filler.length() + 3 + 70 * 1024 + 1, written.length());
  }

  @Test
  void aPublishedKeyOrSignatureAddressIsNotASecretButOtherKeysAndSignaturesAre() {
    org.junit.jupiter.api.Assertions.assertFalse(Secrets.isSecretName("LIFTOFF_PUBLIC_KEY"));
    org.junit.jupiter.api.Assertions.assertFalse(Secrets.isSecretName("public-key"));
    org.junit.jupiter.api.Assertions.assertFalse(Secrets.isSecretName("checksums-signature-url"));
    org.junit.jupiter.api.Assertions.assertFalse(Secrets.isSecretName("LIFTOFF_SIGNATURE_URL"));
    org.junit.jupiter.api.Assertions.assertTrue(Secrets.isSecretName("API_KEY"));
    org.junit.jupiter.api.Assertions.assertTrue(Secrets.isSecretName("FLEET_SERVER_PRIVATE_KEY"));
    org.junit.jupiter.api.Assertions.assertTrue(Secrets.isSecretName("signature"));
  }
}
