package io.jenkins.plugins.releaseplaybook.engine.report;

import java.util.List;

/** A table whose header texts are escaped here and whose cells arrive already rendered (escaped) by callers. */
final class HtmlTable {
    private final StringBuilder out = new StringBuilder();

    HtmlTable(String cssClass, List<String> headings) {
        out.append("<table class=\"rp-table ").append(cssClass).append("\"><thead><tr>");
        for (String heading : headings) {
            out.append("<th>").append(Html.esc(heading)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
    }

    /** Adds a row of cells that are already HTML (each produced through {@link Html}). */
    HtmlTable row(String... renderedCells) {
        out.append("<tr>");
        return cells(renderedCells);
    }

    /** A row with a class of its own (a constant of the renderer). */
    HtmlTable classedRow(String rowClass, String... renderedCells) {
        out.append("<tr class=\"").append(rowClass).append("\">");
        return cells(renderedCells);
    }

    /** One cell across {@code columns} columns, already HTML. */
    HtmlTable fullWidthRow(String rowClass, int columns, String renderedCell) {
        out.append("<tr class=\"").append(rowClass).append("\"><td colspan=\"").append(columns).append("\">")
                .append(renderedCell).append("</td></tr>");
        return this;
    }

    private HtmlTable cells(String... renderedCells) {
        for (String cell : renderedCells) {
            out.append("<td>").append(cell).append("</td>");
        }
        out.append("</tr>");
        return this;
    }

    String render() {
        return out + "</tbody></table>";
    }
}
