package dev.orderengine.bootstrap;

/** A configuration value that cannot be used; the message is one line naming the variable. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
