package org.neuralode.config;

import java.util.Locale;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;

/** Range checks that name the config file, the key path and the offending value. */
final class ConfigChecks {

    private final String source;

    ConfigChecks(String source) {
        this.source = source;
    }

    void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            String shown = value == null ? "" : " = " + value;
            throw new InputException(source, key + shown + " " + rule);
        }
    }

    void present(String key, Object value) {
        require(value != null, key, null, "is null; give a value (or leave the key out for its default)");
    }

    void atLeast(String key, long value, long min) {
        require(value >= min, key, value, "must be >= " + min);
    }

    void finitePositive(String key, double value) {
        require(Double.isFinite(value) && value > 0, key, value, "must be a finite number > 0");
    }

    void finiteAtLeast(String key, double value, double min) {
        require(Double.isFinite(value) && value >= min, key, value, "must be a finite number >= " + min);
    }

    void activation(String key, String name) {
        try {
            Activation.byName(name);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, key + " = " + name + ": " + e.getMessage());
        }
    }

    void solver(String key, String name) {
        try {
            Tableaus.byName(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(source, key + " = " + name + ": " + e.getMessage());
        }
    }

    void saveAt(String key, String name) {
        try {
            SolverOptions.SaveAt.byName(name);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, key + " = " + name + ": " + e.getMessage());
        }
    }
}
