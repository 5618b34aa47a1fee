package dev.liftoff.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run and how: the program as the user named it (a path, or a bare name that PATH
 * resolves), its arguments without argv[0], its whole environment, and its working folder.
 */
public record LaunchPlan(String program, List<String> args, Map<String, String> env, Path dir) {
  public LaunchPlan {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }
}
