package dev.suture.cli.demo;

import java.nio.file.Path;

/** One demo service: an Asset named {@code name} listening on 127.0.0.1:port with its state in dir. */
record DemoTarget(String name, String environment, int port, Path dir) {

    String address() {
        return "127.0.0.1:" + port;
    }

    String url(String path) {
        return "http://" + address() + path;
    }
}
