package io.waymark.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The CDNOW sample summaries (see src/test/resources/cdnow/README.md), in weeks. */
final class Cdnow {
    final double[] x;
    final double[] tx;
    final double[] bigT;
    final double[] zbar;
    final double[] ones;

    private Cdnow(List<double[]> rows) {
        int n = rows.size();
        x = new double[n];
        tx = new double[n];
        bigT = new double[n];
        zbar = new double[n];
        ones = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            x[i] = r[0];
            tx[i] = r[1];
            bigT[i] = r[2];
            zbar[i] = r.length > 3 ? r[3] : Double.NaN;
            ones[i] = 1;
        }
    }

    /** cdnow_customers.csv: "ID x t_x T", whitespace separated. */
    static Cdnow customers() {
        return new Cdnow(read("/cdnow/cdnow_customers.csv", "\\s+"));
    }

    /** cdnow_customers_summary_with_transactions.csv: "ID,x,t_x,T,zbar". */
    static Cdnow withSpend() {
        return new Cdnow(read("/cdnow/cdnow_customers_summary_with_transactions.csv", ","));
    }

    private static List<double[]> read(String resource, String separator) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Cdnow.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.trim().split(separator);
                if (f.length < 4) {
                    continue;
                }
                double[] row = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    row[i - 1] = Double.parseDouble(f[i]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
