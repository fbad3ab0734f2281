import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.*;

/** Reads JSON-ish lines "pattern\tinput" (both as \\uXXXX-escaped text) and prints 1, 0, or E (invalid pattern). */
public class RegexFind {
  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 4 < s.length()) { b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; }
      else b.append(c);
    }
    return b.toString();
  }
  public static void main(String[] args) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter w = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    Map<String, Pattern> cache = new HashMap<>();
    String line;
    while ((line = r.readLine()) != null) {
      String[] parts = line.split("\t", -1);
      String p = unescape(parts[0]);
      String in = unescape(parts[1]);
      Pattern pat;
      try { pat = cache.containsKey(p) ? cache.get(p) : Pattern.compile(p); cache.put(p, pat); }
      catch (Exception e) { w.println("E"); continue; }
      w.println(pat.matcher(in).find() ? "1" : "0");
    }
    w.flush();
  }
}
