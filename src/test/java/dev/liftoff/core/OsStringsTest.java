package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OsStringsTest {
  @Test
  void validUtf8DecodesAsUtf8() {
    byte[] bytes = "päss 🚀 ü".getBytes(StandardCharsets.UTF_8);
    assertEquals("päss 🚀 ü", OsStrings.decode(bytes));
    assertArrayEquals(bytes, OsStrings.encode(OsStrings.decode(bytes)));
  }

  @Test
  void anInvalidByteSurvivesTheTripThroughAString() {
    byte[] bytes = {'x', (byte) 0xFF, 'y'};
    assertEquals("x\uDCFFy", OsStrings.decode(bytes));
    assertArrayEquals(bytes, OsStrings.encode(OsStrings.decode(bytes)));
  }

  @Test
  void overlongSurrogateAndTruncatedSequencesAreKeptByteForByte() {
    byte[][] cases = {
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
      {(byte) 0xE2, (byte) 0x82}, // cut short
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x9A, (byte) 0x80, (byte) 0xDC}, // emoji, then a stray
    };
    for (byte[] bytes : cases) {
      assertArrayEquals(bytes, OsStrings.encode(OsStrings.decode(bytes)));
    }
  }

  @Test
  void everyByteStringComesBackUnchanged() {
    Random random = new Random(14);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, OsStrings.encode(OsStrings.decode(bytes)));
    }
  }

  @Test
  void aLoneSurrogateFromElsewhereBecomesTheReplacementCharacter() {
    assertArrayEquals("\uFFFD".getBytes(StandardCharsets.UTF_8), OsStrings.encode("\uD800"));
  }
}
