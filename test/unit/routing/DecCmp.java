import java.io.*;
import java.math.*;
import java.nio.charset.StandardCharsets;

/** "text\tliteral\tprecision\tscale" → compare of (text as DECIMAL(p,s), HALF_UP; NULL on error/overflow) with literal: -1, 0, 1 or N. */
public class DecCmp {
  public static void main(String[] args) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter w = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      String[] p = line.split("\t", -1);
      int precision = Integer.parseInt(p[2]), scale = Integer.parseInt(p[3]);
      try {
        BigDecimal v = new BigDecimal(p[0]).setScale(scale, RoundingMode.HALF_UP);
        if (v.precision() > precision) { w.println("N"); continue; }
        w.println(v.compareTo(new BigDecimal(p[1])));
      } catch (Exception e) { w.println("N"); }
    }
    w.flush();
  }
}
