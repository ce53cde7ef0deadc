import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local bound to one host. DynamoDB Local has no bind-address option and
 * listens on every interface, so this sets the host on its Jetty connector before start.
 * Then it indexes the stream records table (see indexStreamRecords).
 * Usage: java -cp CLASSPATH DynamoDbLocalLauncher.java HOST [DynamoDB Local options...]
 */
public class DynamoDbLocalLauncher {
  /**
   * DynamoDB Local keeps the records of every stream in one SQLite table, `us`, keyed by sequence
   * number only, and keeps them 24 hours, also for deleted tables. Each write to a table with a
   * stream looks up the stream's first record (`SELECT MIN(SequenceNumber) FROM us WHERE
   * StreamID=?`) and GetRecords its shard's, so both scan every older record: on a 2-core machine a
   * PutItem went from 1.3 ms to 23 ms after 15,000 records of a deleted table. With these indexes
   * it stays at 1.1 to 1.3 ms.
   */
  private static final String[] STREAM_RECORD_INDEXES = {
    "CREATE INDEX IF NOT EXISTS eventline_us_stream ON us (StreamID, SequenceNumber)",
    "CREATE INDEX IF NOT EXISTS eventline_us_shard ON us (ShardID, SequenceNumber)",
    "CREATE INDEX IF NOT EXISTS eventline_us_created ON us (CreationDateTime)",
  };

  public static void main(String[] args) throws Exception {
    String host = args[0];
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(rest);
    Server jetty = (Server) field(proxy, "server");
    for (Connector connector : jetty.getConnectors()) {
      ((ServerConnector) connector).setHost(host);
    }
    proxy.start();
    indexStreamRecords(proxy, host, option(rest, "-port", "8000"));
    proxy.join();
  }

  /**
   * The indexes go into DynamoDB Local's own in-memory database, through the SQLite queue of its
   * shared-database handler, which exists once it has served a request. This reaches into
   * internals of the pinned version; if they move, the server runs on without the indexes and
   * says so in its log.
   */
  private static void indexStreamRecords(DynamoDBProxyServer proxy, String host, String port) {
    try {
      HttpRequest listTables = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
          .header("content-type", "application/x-amz-json-1.0")
          .header("x-amz-target", "DynamoDB_20120810.ListTables")
          .header("authorization",
              "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
          .POST(HttpRequest.BodyPublishers.ofString("{}"))
          .build();
      HttpClient.newHttpClient().send(listTables, HttpResponse.BodyHandlers.discarding());
      Object primary = field(field(proxy, "serverHandler"), "primaryHandler");
      Map<?, ?> handlers = (Map<?, ?>) field(primary, "dbRequestHandlers");
      for (Object handler : handlers.values()) {
        SQLiteQueue queue = (SQLiteQueue) field(field(handler, "dbAccess"), "queue");
        queue.execute(new SQLiteJob<Void>() {
          @Override
          protected Void job(SQLiteConnection connection) throws Throwable {
            for (String sql : STREAM_RECORD_INDEXES) connection.exec(sql);
            return null;
          }
        }).complete();
      }
      System.out.println("eventline: stream records table indexed (" + handlers.size() + " database)");
    } catch (Throwable error) {
      System.out.println("eventline: stream records table not indexed, streamed writes slow down as records pile up: " + error);
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException next) {
        // declared further up
      }
    }
    throw new NoSuchFieldException(target.getClass().getName() + "." + name);
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return args[i + 1];
    }
    return fallback;
  }
}
