package dev.suture.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvInventoryParserTest {

    @Test
    void quotingGroupsEnvironmentAndLabels() {
        String csv = "name,Address,env,groups,role,note\r\n"
                + "web-01,10.0.0.1:22,staging,web;frontend| edge ,web,\"hello, \"\"world\"\"\"\r\n"
                + "\r\n"
                + "db-01,,,,db,\"two\nlines\"\n"
                + "db-02,10.0.0.3,,db,,\n";

        List<InventoryHost> hosts = CsvInventoryParser.parse("hosts.csv", csv).hosts();

        assertThat(hosts).extracting(InventoryHost::name).containsExactly("web-01", "db-01", "db-02");
        InventoryHost web = hosts.get(0);
        assertThat(web.address()).isEqualTo("10.0.0.1:22");
        assertThat(web.environment()).isEqualTo("staging");
        assertThat(web.groups()).containsExactly("web", "frontend", "edge");
        assertThat(web.labels()).containsExactly(Map.entry("role", "web"), Map.entry("note", "hello, \"world\""));
        InventoryHost db1 = hosts.get(1);
        assertThat(db1.address()).isNull();
        assertThat(db1.environment()).isNull();
        assertThat(db1.groups()).isEmpty();
        assertThat(db1.labels()).containsExactly(Map.entry("role", "db"), Map.entry("note", "two\nlines"));
        assertThat(db1.line()).isEqualTo(4);
        assertThat(hosts.get(2).line()).isEqualTo(6);
        assertThat(hosts.get(2).labels()).isEmpty();
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> CsvInventoryParser.parse("hosts.csv", "address,role\n1.2.3.4,web\n"))
                .hasMessage("hosts.csv:1: header has no name column");
        assertThatThrownBy(() -> CsvInventoryParser.parse("hosts.csv", "name,role\na,\"x\ny\"\nb,web,extra\n"))
                .hasMessage("hosts.csv:4: expected 2 fields, found 3");
        assertThatThrownBy(() -> CsvInventoryParser.parse("hosts.csv", "name,role\na,b\nc,\"open\nmore\n"))
                .hasMessage("hosts.csv:3: quoted field has an unterminated quote");
        assertThatThrownBy(() -> CsvInventoryParser.parse("hosts.csv", "name,role\na,b\"c\n"))
                .hasMessageStartingWith("hosts.csv:2: quote inside an unquoted field");
        assertThatThrownBy(() -> CsvInventoryParser.parse("hosts.csv", "name\na\n\na\n"))
                .hasMessage("hosts.csv:4: duplicate name a (first on line 2)");
        assertThatThrownBy(() -> CsvInventoryParser.parse("hosts.csv", ""))
                .hasMessage("hosts.csv:1: missing header row (needs at least a name column)");
    }
}
