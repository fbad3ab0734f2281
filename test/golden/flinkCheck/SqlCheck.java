// Embedded Flink runner of test/golden/flinkCheck/flinkCheck.ts: "script FILE" plans each statement (EXPLAIN for the statement set),
// "run FILE" executes the script (SET, CREATE TABLE, EXECUTE STATEMENT SET awaited), "query SQL..." / "queryfile FILE" print results.
import org.apache.flink.table.api.*;
import java.nio.file.*;
import java.util.*;

/** Plans (does not run) a generated routing script, or runs ad-hoc queries, in an embedded Flink 1.20. */
public class SqlCheck {
  public static void main(String[] args) throws Exception {
    TableEnvironment t = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    t.getConfig().set("table.local-time-zone", "UTC");
    boolean run = args[0].equals("run");
    if (args[0].equals("script") || run) {
      String text = new String(Files.readAllBytes(Paths.get(args[1])), "UTF-8");
      List<String> stmts = split(text);
      int i = 0;
      for (String s : stmts) {
        i++;
        String head = s.trim().split("\n")[0];
        try {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)^SET\\s+'([^']*)'\\s*=\\s*'((?:[^']|'')*)'$").matcher(s.trim());
          if (m.matches()) {
            t.getConfig().getConfiguration().setString(m.group(1), m.group(2).replace("''", "'"));
            System.out.println("OK   #" + i + " " + head);
          } else if (run && s.trim().toUpperCase().startsWith("EXECUTE STATEMENT SET")) {
            t.executeSql(s).await();
            System.out.println("OK   #" + i + " RAN " + head);
          } else if (s.trim().toUpperCase().startsWith("EXECUTE STATEMENT SET")) {
            TableResult r = t.executeSql("EXPLAIN " + s.trim().substring("EXECUTE ".length()));
            String plan = r.collect().next().getField(0).toString();
            System.out.println("OK   #" + i + " EXPLAIN " + head + " (plan " + plan.length() + " chars)");
            if (args.length > 2) System.out.println(plan);
          } else {
            t.executeSql(s);
            System.out.println("OK   #" + i + " " + head);
          }
        } catch (Throwable e) {
          System.out.println("FAIL #" + i + " " + head + "\n  " + e.toString().replace("\n", "\n  "));
          Throwable c = e.getCause();
          while (c != null) { System.out.println("  caused by " + c); c = c.getCause(); }
        }
      }
    } else if (args[0].equals("query")) {
      for (int k = 1; k < args.length; k++) {
        String q = args[k];
        try {
          TableResult r = t.executeSql(q);
          r.print();
        } catch (Throwable e) {
          System.out.println("FAIL " + q + "\n  " + e);
          Throwable c = e.getCause();
          while (c != null) { System.out.println("  caused by " + c); c = c.getCause(); }
        }
      }
    } else if (args[0].equals("queryfile")) {
      String text = new String(Files.readAllBytes(Paths.get(args[1])), "UTF-8");
      for (String q : split(text)) {
        try { t.executeSql(q).print(); } catch (Throwable e) {
          System.out.println("FAIL " + q + "\n  " + e);
          Throwable c = e.getCause();
          while (c != null) { System.out.println("  caused by " + c); c = c.getCause(); }
        }
      }
    }
    System.exit(0);
  }

  /** Statements end with ';' at the end of a line (outside a STATEMENT SET block, whose end is 'END;'). */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inSet = false;
    for (String line : text.split("\n", -1)) {
      String tl = line.trim();
      if (cur.length() == 0 && (tl.isEmpty() || tl.startsWith("--"))) continue;
      cur.append(line).append("\n");
      if (tl.toUpperCase().startsWith("EXECUTE STATEMENT SET")) inSet = true;
      if (inSet ? tl.equalsIgnoreCase("END;") : tl.endsWith(";")) {
        String s = cur.toString().trim();
        out.add(s.substring(0, s.length() - 1));
        cur.setLength(0);
        inSet = false;
      }
    }
    return out;
  }
}
