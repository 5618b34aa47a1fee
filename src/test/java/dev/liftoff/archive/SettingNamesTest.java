package dev.liftoff.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.liftoff.config.Setting;
import dev.liftoff.core.CacheFolder;
import org.junit.jupiter.api.Test;

/**
 * core and archive name two settings in their messages but may not use config (ARCHITECTURE.md):
 * their copies of the names must be config's.
 */
class SettingNamesTest {
  @Test
  void theCacheFolderAndTheProgramChoiceNameTheirSettingsAsConfigDoes() {
    assertEquals(named(Setting.CACHE_DIR), CacheFolder.SETTING);
    assertEquals(named(Setting.BINARY), Selection.SETTING);
  }

  private static String named(Setting setting) {
    return setting.property() + " (" + setting.variable() + ")";
  }
}
