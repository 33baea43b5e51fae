// Tags many documents with HeidelTime in one JVM and prints its TimeML output for each.
//
// Used by eval_tempeval.py, which compiles it against the HeidelTime standalone jar:
//   javac -cp JAR -d OUT HeidelTimeTag.java
//   java -cp JAR:OUT HeidelTimeTag CONFIG_PROPS DOCS_FILE [news|narratives]
// DOCS_FILE has one document a line: "YYYY-MM-DD<TAB>base64 of the UTF-8 text" (as for HeidelTimeBatch).
// Same settings as `java -jar JAR -l english -t news -pos no -dct YYYY-MM-DD FILE` (or `-t narratives`).
// Prints to stdout one line per document, in order: base64 of the UTF-8 TimeML HeidelTime returns.

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

public class HeidelTimeTag {
    public static void main(String[] args) throws Exception {
        // HeidelTime logs several INFO lines per document; keep only warnings.
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }

        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        DocumentType type = args.length > 2 && args[2].equals("narratives") ? DocumentType.NARRATIVES : DocumentType.NEWS;
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
                Language.ENGLISH, type, OutputType.TIMEML, args[0], POSTagger.NO, Boolean.FALSE);
        Base64.Decoder decoder = Base64.getDecoder();
        Base64.Encoder encoder = Base64.getEncoder();
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 2);
            String text = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
            String timeml = tagger.process(text, day.parse(parts[0]));
            System.out.println(encoder.encodeToString(timeml.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
