package dev.suture.cli.importer;

import java.util.ArrayList;
import java.util.List;

/** What a parser produced: the hosts in file order, and warnings (things skipped) to print on stderr. */
public record Inventory(List<InventoryHost> hosts, List<String> warnings) {

    public Inventory {
        hosts = List.copyOf(hosts);
        warnings = List.copyOf(warnings);
    }

    public static Inventory of(List<InventoryHost> hosts) {
        return new Inventory(hosts, new ArrayList<>());
    }
}
