package dev.liftoff.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does, without expanding anything: blanks
 * separate words, single quotes keep everything, double quotes keep all but backslash escapes of
 * {@code " \ $ `} and newline, and a backslash outside quotes keeps the next character.
 * Templates are expanded later, word by word, so a value with spaces stays one word.
 */
final class ShellWords {
  private ShellWords() {}

  /** The words, or throws {@link IllegalArgumentException} naming what is unbalanced. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i++);
      switch (c) {
        case ' ', '\t', '\n', '\r' -> {
          if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
          }
        }
        case '\'' -> {
          int close = line.indexOf('\'', i);
          if (close < 0) {
            throw new IllegalArgumentException("a single quote is not closed");
          }
          word.append(line, i, close);
          i = close + 1;
          inWord = true;
        }
        case '"' -> {
          i = doubleQuoted(line, i, word);
          inWord = true;
        }
        case '\\' -> {
          if (i == line.length()) {
            throw new IllegalArgumentException("a backslash ends the line");
          }
          char next = line.charAt(i++);
          if (next != '\n') {
            word.append(next);
            inWord = true;
          }
        }
        default -> {
          word.append(c);
          inWord = true;
        }
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static int doubleQuoted(String line, int i, StringBuilder word) {
    while (i < line.length()) {
      char c = line.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i < line.length() && "\"\\$`\n".indexOf(line.charAt(i)) >= 0) {
        char next = line.charAt(i++);
        if (next != '\n') {
          word.append(next);
        }
      } else {
        word.append(c);
      }
    }
    throw new IllegalArgumentException("a double quote is not closed");
  }
}
