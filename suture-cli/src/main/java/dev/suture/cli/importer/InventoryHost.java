package dev.suture.cli.importer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One host of an inventory, ready to become an Asset document; line is where it was (first) defined. */
public final class InventoryHost {

    private final String name;
    private final int line;
    private String address;
    private String environment;
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    public InventoryHost(String name, int line) {
        this.name = name;
        this.line = line;
    }

    public String name() {
        return name;
    }

    public int line() {
        return line;
    }

    public String address() {
        return address;
    }

    public InventoryHost address(String value) {
        this.address = value;
        return this;
    }

    /** The environment the inventory itself names, or null. */
    public String environment() {
        return environment;
    }

    public InventoryHost environment(String value) {
        this.environment = value;
        return this;
    }

    public Set<String> groups() {
        return groups;
    }

    public Map<String, String> labels() {
        return labels;
    }
}
