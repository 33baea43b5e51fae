// Tags many documents with HeidelTime in one JVM, timing the tagging loop only.
//
// Used by bench_heideltime.py, which compiles it against the HeidelTime standalone jar:
//   javac -cp JAR -d OUT HeidelTimeBatch.java
//   java -cp JAR:OUT HeidelTimeBatch CONFIG_PROPS DOCS_FILE REPEAT
// DOCS_FILE has one document a line: "YYYY-MM-DD<TAB>base64 of the UTF-8 text".
// Same settings as `java -jar JAR -l english -t news -pos no -dct YYYY-MM-DD FILE`.
// Prints to stdout: "init SECONDS" once, then "run SECONDS TIMEXES" per pass over the documents.

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        String config = args[0];
        int repeat = Integer.parseInt(args[2]);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        List<String> texts = new ArrayList<>();
        List<Date> dcts = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 2);
            dcts.add(day.parse(parts[0]));
            texts.add(new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        }

        // HeidelTime logs several INFO lines per document; keep only warnings, out of the timed loop.
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }

        long start = System.nanoTime();
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
                Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, config, POSTagger.NO, Boolean.FALSE);
        tagger.process("Putin spoke on Monday, June 24, 2022.", day.parse("2022-06-24"));  // warm up
        System.out.println("init " + (System.nanoTime() - start) / 1e9);

        for (int r = 0; r < repeat; r++) {
            int timexes = 0;
            start = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                String timeml = tagger.process(texts.get(i), dcts.get(i));
                for (int at = timeml.indexOf("<TIMEX3 "); at >= 0; at = timeml.indexOf("<TIMEX3 ", at + 1)) {
                    timexes++;
                }
            }
            System.out.println("run " + (System.nanoTime() - start) / 1e9 + " " + timexes);
        }
    }
}
