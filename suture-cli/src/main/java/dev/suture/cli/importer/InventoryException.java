package dev.suture.cli.importer;

import dev.suture.cli.CliException;
import dev.suture.cli.ExitCodes;

/** A problem in the inventory file, printed as "FILE:LINE: MESSAGE"; nothing is sent. */
public final class InventoryException extends CliException {

    public InventoryException(String file, int line, String message) {
        super(ExitCodes.ERROR, line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    }
}
