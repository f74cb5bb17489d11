<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+41"/>
        <source>Desktop workbench for the Llama Stack experimental APIs.</source>
        <translation>Desktop-Werkbank für die experimentellen Llama-Stack-APIs.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Displays version information.</source>
        <translation>Zeigt die Versionsinformationen an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keeps the engine&apos;s data (store, caches) in &lt;dir&gt;.</source>
        <translation>Speichert die Daten der Engine (Speicher, Caches) in &lt;dir&gt;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>dir</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Also lists the Hugging Face model folders in &lt;dir&gt; (repeatable; &lt;data dir&gt;/models, WB_MODEL_PATH and the Hugging Face cache are always searched).</source>
        <translation>Listet zusätzlich die Hugging-Face-Modellordner in &lt;dir&gt; auf (wiederholbar; &lt;data dir&gt;/models, WB_MODEL_PATH und der Hugging-Face-Cache werden immer durchsucht).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Uses the &lt;locale&gt; translation (e.g. de, zh_CN) for this run.</source>
        <translation>Verwendet für diesen Start die Übersetzung &lt;locale&gt; (z. B. de, zh_CN).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locale</source>
        <translation>Gebietsschema</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Server mode: llama-workbench serve --help</source>
        <translation>Servermodus: llama-workbench serve --help</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Llama Stack Workbench</source>
        <translation>Llama Stack Workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not open the data folder %1:
%2</source>
        <translation>Der Datenordner %1 konnte nicht geöffnet werden:
%2</translation>
    </message>
</context>
<context>
    <name>wb::ui::AddEndpointDialog</name>
    <message>
        <location filename="../ui/models/add_endpoint_dialog.cpp" line="+28"/>
        <source>Enter the endpoint&apos;s base URL, for example %1.</source>
        <translation>Geben Sie die Basis-URL des Endpunkts ein, z. B. %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The base URL must start with http:// or https://, for example %1.</source>
        <translation>Die Basis-URL muss mit http:// oder https:// beginnen, z. B. %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The base URL %1 has no host name.</source>
        <translation>Die Basis-URL %1 enthält keinen Hostnamen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The base URL must not have a query or fragment (“?…”, “#…”): %1</source>
        <translation>Die Basis-URL darf keine Abfrage und kein Fragment („?…“, „#…“) enthalten: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter a model id or the model&apos;s name at the endpoint.</source>
        <translation>Geben Sie eine Modell-ID oder den Namen des Modells am Endpunkt ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model id must not contain spaces: “%1”.</source>
        <translation>Die Modell-ID darf keine Leerzeichen enthalten: „%1“.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add OpenAI-Compatible Endpoint</source>
        <translation>OpenAI-kompatiblen Endpunkt hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the remote model name when empty</source>
        <translation>der entfernte Modellname, wenn leer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the model&apos;s name at the endpoint, e.g. llama3.2:1b</source>
        <translation>der Name des Modells am Endpunkt, z. B. llama3.2:1b</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model id:</source>
        <translation>Modell-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote model:</source>
        <translation>Entferntes Modell:</translation>
    </message>
</context>
<context>
    <name>wb::ui::AddModelFolderDialog</name>
    <message>
        <location filename="../ui/models/add_model_folder_dialog.cpp" line="+36"/>
        <source>Choose the model folder (the one with config.json).</source>
        <translation>Wählen Sie den Modellordner (den mit config.json).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the folder&apos;s full path, not a relative one: %1</source>
        <translation>Geben Sie den vollständigen Pfad des Ordners ein, keinen relativen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a model id.</source>
        <translation>Geben Sie eine Modell-ID ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model id must not contain spaces: “%1”.</source>
        <translation>Die Modell-ID darf keine Leerzeichen enthalten: „%1“.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add Model Folder</source>
        <translation>Modellordner hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Hugging Face model folder with config.json</source>
        <translation>ein Hugging-Face-Modellordner mit config.json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model id:</source>
        <translation>Modell-ID:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose a Model Folder</source>
        <translation>Modellordner auswählen</translation>
    </message>
</context>
<context>
    <name>wb::ui::AppendRowsDialog</name>
    <message>
        <location filename="../ui/datasets/append_rows_dialog.cpp" line="+29"/>
        <source>Read values that are valid JSON (numbers, lists, objects) as JSON</source>
        <translation>Werte, die gültiges JSON sind (Zahlen, Listen, Objekte), als JSON lesen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Append Rows to %1</source>
        <translation>Zeilen an %1 anhängen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The dataset has no known columns; use the JSONL tab.</source>
        <translation>Der Datensatz hat keine bekannten Spalten; verwenden Sie den Reiter „JSONL einfügen“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off: every value is sent as text, so &quot;42&quot; stays the string &quot;42&quot;.</source>
        <translation>Aus: Jeder Wert wird als Text gesendet, „42“ bleibt also die Zeichenkette „42“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One row</source>
        <translation>Eine Zeile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One JSON object per line, or a JSON array of objects</source>
        <translation>Ein JSON-Objekt pro Zeile oder ein JSON-Array von Objekten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste JSONL</source>
        <translation>JSONL einfügen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Append</source>
        <translation>Anhängen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Appending…</source>
        <translation>Wird angehängt…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Fill in at least one field.</source>
        <translation>Füllen Sie mindestens ein Feld aus.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The rows were not appended.</source>
        <translation>Die Zeilen wurden nicht angehängt.</translation>
    </message>
</context>
<context>
    <name>wb::ui::BenchmarkListModel</name>
    <message>
        <location filename="../ui/eval/benchmark_list_model.cpp" line="+60"/>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scoring functions</source>
        <translation>Bewertungsfunktionen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not load the benchmarks.</source>
        <translation>Die Benchmarks konnten nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::BenchmarkParams</name>
    <message>
        <location filename="../ui/eval/benchmark_params.cpp" line="+22"/>
        <source>metadata.%1 is not an object; it is ignored.</source>
        <translation>metadata.%1 ist kein Objekt; es wird ignoriert.</translation>
    </message>
</context>
<context>
    <name>wb::ui::BusyOverlay</name>
    <message>
        <location filename="../ui/common/busy_overlay.cpp" line="+15"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>wb::ui::CheckpointTableModel</name>
    <message>
        <location filename="../ui/training/checkpoint_table_model.cpp" line="+35"/>
        <source>Not registered as a model</source>
        <translation>Nicht als Modell registriert</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model id</source>
        <translation>Modell-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionController</name>
    <message>
        <location filename="../ui/connection/connection_controller.cpp" line="+29"/>
        <source>No answer from %1 within %2 s.</source>
        <translation>Keine Antwort von %1 innerhalb von %2 s.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>In-process engine</source>
        <translation>Prozessinterne Engine</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The connection profile no longer exists.</source>
        <translation>Das Verbindungsprofil existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote connections are not available in this build.</source>
        <translation>Entfernte Verbindungen sind in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server reports its health as &quot;%1&quot;.</source>
        <translation>Der Server meldet den Zustand „%1“.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Could not connect to %1:
%2

The workbench uses the in-process engine instead.</source>
        <translation>Verbindung zu %1 nicht möglich:
%2

Die Workbench verwendet stattdessen die prozessinterne Engine.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not connect to %1:
%2

The workbench stays connected to %3.</source>
        <translation>Verbindung zu %1 nicht möglich:
%2

Die Workbench bleibt mit %3 verbunden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionMonitor</name>
    <message>
        <location filename="../ui/connection/connection_monitor.cpp" line="+22"/>
        <source>No answer from the server within %1 s.</source>
        <translation>Keine Antwort vom Server innerhalb von %1 s.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The server reports its health as &quot;%1&quot;.</source>
        <translation>Der Server meldet den Zustand „%1“.</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionTester</name>
    <message>
        <location filename="../ui/connection/connection_tester.cpp" line="+19"/>
        <source>No answer within %1 s.</source>
        <translation>Keine Antwort innerhalb von %1 s.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remote connections are not available in this build.</source>
        <translation>Entfernte Verbindungen sind in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The server answers (version %1) but reports its health as &quot;%2&quot;.</source>
        <translation>Der Server antwortet (Version %1), meldet aber den Zustand „%2“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OK — version %1</source>
        <translation>OK — Version %1</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionsDialog</name>
    <message>
        <location filename="../ui/connection/connections_dialog.cpp" line="+35"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>system certificates only</source>
        <translation>nur Systemzertifikate</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not connect: %1</source>
        <translation>Verbindung nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 (connected)</source>
        <translation>%1 (verbunden)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Could not read the token from the keychain: %1</source>
        <translation>Das Token konnte nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Give the connection a name.</source>
        <translation>Geben Sie der Verbindung einen Namen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The URL must be an http:// or https:// address, e.g. http://127.0.0.1:8321.</source>
        <translation>Die URL muss eine http://- oder https://-Adresse sein, z. B. http://127.0.0.1:8321.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The CA file %1 does not exist.</source>
        <translation>Die CA-Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved, but the token could not be stored: %1</source>
        <translation>Gespeichert, aber das Token konnte nicht abgelegt werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove connection</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the connection “%1” and its stored token?</source>
        <translation>Die Verbindung „%1“ und ihr gespeichertes Token entfernen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The token could not be removed from the keychain: %1</source>
        <translation>Das Token konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Testing %1…</source>
        <translation>Teste %1…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>CA certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Tokens are kept in the system keychain, never in the settings file.</source>
        <translation>Tokens werden im Schlüsselbund des Systems abgelegt, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No keychain is in use: tokens are kept for this session only and must be entered again after a restart. They are never written to disk.</source>
        <translation>Kein Schlüsselbund in Verwendung: Tokens werden nur für diese Sitzung behalten und müssen nach einem Neustart erneut eingegeben werden. Sie werden nie auf die Festplatte geschrieben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No keychain service is available (%1): the token is kept for this session only and must be entered again after a restart. It is never written to disk.</source>
        <translation>Kein Schlüsselbunddienst verfügbar (%1): Das Token wird nur für diese Sitzung behalten und muss nach einem Neustart erneut eingegeben werden. Es wird nie auf die Festplatte geschrieben.</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetExporter</name>
    <message>
        <location filename="../ui/datasets/dataset_exporter.cpp" line="+55"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not read rows from %1.</source>
        <translation>Zeilen ab %1 konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Could not write the file: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not save the file: %1</source>
        <translation>Die Datei konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetListModel</name>
    <message>
        <location filename="../ui/datasets/dataset_list_model.cpp" line="+48"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 appended rows</source>
        <translation>%1 angehängte Zeilen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not load the list of datasets.</source>
        <translation>Die Liste der Datensätze konnte nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetPicker</name>
    <message>
        <location filename="../ui/training/training_pickers.cpp" line="+21"/>
        <source>dataset id</source>
        <translation>Datensatz-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Could not load the list of datasets.</source>
        <translation>Die Liste der Datensätze konnte nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetRowsModel</name>
    <message>
        <location filename="../ui/datasets/dataset_rows_model.cpp" line="+68"/>
        <source>Could not read the size of the dataset; rows are loaded as you scroll.</source>
        <translation>Die Größe des Datensatzes konnte nicht ermittelt werden; Zeilen werden beim Blättern geladen.</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Could not read rows %1–%2.</source>
        <translation>Die Zeilen %1–%2 konnten nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetText</name>
    <message>
        <location filename="../ui/datasets/dataset_text.cpp" line="+38"/>
        <source>inline rows (%1)</source>
        <translation>eingebettete Zeilen (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>data: URI</source>
        <translation>data:-URI</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 rows stored inline</source>
        <translation>%1 eingebettet gespeicherte Zeilen</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetsPage</name>
    <message>
        <location filename="../ui/datasets/datasets_page.cpp" line="+87"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Register…</source>
        <translation>Registrieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register a dataset from a file, a URL, Hugging Face or pasted rows</source>
        <translation>Einen Datensatz aus einer Datei, einer URL, Hugging Face oder eingefügten Zeilen registrieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Append rows…</source>
        <translation>Zeilen anhängen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export as CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export as JSONL…</source>
        <translation>Als JSONL exportieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unregister…</source>
        <translation>Registrierung aufheben…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+143"/>
        <source>Select a dataset to browse its rows.</source>
        <translation>Wählen Sie einen Datensatz, um seine Zeilen anzuzeigen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 rows · %2 columns · %3</source>
        <translation>%1 Zeilen · %2 Spalten · %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The purpose %1 expects the columns %2; this dataset is missing: %3. Evaluation or training with it will fail.</source>
        <translation>Der Zweck %1 erwartet die Spalten %2; diesem Datensatz fehlen: %3. Evaluierung oder Training damit schlägt fehl.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON Lines files (*.jsonl)</source>
        <translation>JSON-Lines-Dateien (*.jsonl)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting %1…</source>
        <translation>%1 wird exportiert…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unregister Dataset</source>
        <translation>Registrierung des Datensatzes aufheben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unregister the dataset “%1”? Its appended rows are deleted too. The source file or URL is not touched.</source>
        <translation>Registrierung des Datensatzes „%1“ aufheben? Seine angehängten Zeilen werden ebenfalls gelöscht. Die Quelldatei oder URL bleibt unverändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unregister</source>
        <translation>Registrierung aufheben</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not unregister %1.</source>
        <translation>Die Registrierung von %1 konnte nicht aufgehoben werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::ErrorDisplay</name>
    <message>
        <location filename="../ui/common/error_display.cpp" line="+20"/>
        <source>Check the input and try again.</source>
        <translation>Prüfen Sie die Eingabe und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It may have been removed; try Refresh.</source>
        <translation>Es wurde möglicherweise entfernt; versuchen Sie „Aktualisieren“.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something with this id already exists with different content; choose another id.</source>
        <translation>Unter dieser ID existiert bereits etwas mit anderem Inhalt; wählen Sie eine andere ID.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The input is too large.</source>
        <translation>Die Eingabe ist zu groß.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This backend does not support the operation.</source>
        <translation>Dieses Backend unterstützt den Vorgang nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An upstream source (HTTP or Hugging Face) failed; check the address and the network.</source>
        <translation>Eine vorgelagerte Quelle (HTTP oder Hugging Face) ist fehlgeschlagen; prüfen Sie die Adresse und das Netzwerk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An upstream source did not answer in time; try again later.</source>
        <translation>Eine vorgelagerte Quelle hat nicht rechtzeitig geantwortet; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Llama Stack Workbench</source>
        <translation>Llama Stack Workbench</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalCompareModel</name>
    <message>
        <location filename="../ui/eval/results/eval_compare.cpp" line="+82"/>
        <source>regression</source>
        <translation>Verschlechterung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>improvement</source>
        <translation>Verbesserung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both pass</source>
        <translation>beide bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both fail</source>
        <translation>beide nicht bestanden</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Result (%1)</source>
        <translation>Ergebnis (%1)</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Scores (%1)</source>
        <translation>Bewertungen (%1)</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Generated (%1)</source>
        <translation>Generiert (%1)</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalJobListModel</name>
    <message>
        <location filename="../ui/eval/eval_job_list_model.cpp" line="+60"/>
        <source>Job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main metric</source>
        <translation>Hauptmetrik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Could not load the runs of %1.</source>
        <translation>Die Läufe von %1 konnten nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalJobPoller</name>
    <message>
        <location filename="../ui/eval/eval_job_poller.cpp" line="+73"/>
        <source>Could not follow run %1.</source>
        <translation>Lauf %1 kann nicht verfolgt werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalPage</name>
    <message>
        <location filename="../ui/eval/eval_page.cpp" line="+128"/>
        <source>Register…</source>
        <translation>Registrieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register a benchmark: a dataset and the scoring functions to grade it with</source>
        <translation>Einen Benchmark registrieren: einen Datensatz und die Bewertungsfunktionen, mit denen er bewertet wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New judge function…</source>
        <translation>Neue Judge-Funktion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register an LLM-as-judge scoring function of your own</source>
        <translation>Eine eigene LLM-as-Judge-Bewertungsfunktion registrieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected benchmark (its runs stay listed)</source>
        <translation>Den ausgewählten Benchmark entfernen (seine Läufe bleiben aufgeführt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete run…</source>
        <translation>Lauf löschen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+338"/>
        <source>Delete the selected run and its results</source>
        <translation>Den ausgewählten Lauf und seine Ergebnisse löschen</translation>
    </message>
    <message>
        <location line="-335"/>
        <source>Refresh runs</source>
        <translation>Läufe aktualisieren</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a background run of the benchmark with this setup</source>
        <translation>Einen Lauf des Benchmarks mit dieser Konfiguration im Hintergrund starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the run; the rows evaluated so far are kept</source>
        <translation>Den Lauf stoppen; die bisher ausgewerteten Zeilen bleiben erhalten</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not load the scoring functions.</source>
        <translation>Die Bewertungsfunktionen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;dataset %2 · %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Datensatz %2 · %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No benchmark registered yet: use Register…</source>
        <translation>Noch kein Benchmark registriert: verwenden Sie „Registrieren…“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a benchmark.</source>
        <translation>Wählen Sie einen Benchmark.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>No run in progress.</source>
        <translation>Kein Lauf aktiv.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%v of %m rows</source>
        <translation>%v von %m Zeilen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run %1 on %2: %3, %4 rows</source>
        <translation>Lauf %1 mit %2: %3, %4 Zeilen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cancel the run before deleting it</source>
        <translation>Brechen Sie den Lauf ab, bevor Sie ihn löschen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The run did not start.</source>
        <translation>Der Lauf wurde nicht gestartet.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelling run %1…</source>
        <translation>Lauf %1 wird abgebrochen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not cancel run %1.</source>
        <translation>Lauf %1 konnte nicht abgebrochen werden.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Remove Benchmark</source>
        <translation>Benchmark entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the benchmark “%1”? Its running jobs are cancelled; finished runs and the dataset stay.</source>
        <translation>Den Benchmark „%1“ entfernen? Seine laufenden Jobs werden abgebrochen; abgeschlossene Läufe und der Datensatz bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not remove %1.</source>
        <translation>%1 konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete Run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete run %1 (%2, %3) and all its scored rows?</source>
        <translation>Lauf %1 (%2, %3) und alle seine bewerteten Zeilen löschen?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not delete run %1.</source>
        <translation>Lauf %1 konnte nicht gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalResultsExport</name>
    <message>
        <location filename="../ui/eval/results/eval_results_export.cpp" line="+109"/>
        <location line="+5"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalResultsText</name>
    <message>
        <location filename="../ui/eval/results/eval_results_text.cpp" line="+86"/>
        <source>no aggregation</source>
        <translation>keine Aggregation</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 of %2 rows done</source>
        <translation>%1 von %2 Zeilen erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows done</source>
        <translation>%1 Zeilen erledigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 failed</source>
        <translation>, %1 fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalResultsView</name>
    <message>
        <location filename="../ui/eval/results/eval_results_view.cpp" line="+113"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failures</source>
        <translation>Nicht bestanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Passes</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search input, expected, generated</source>
        <translation>Eingabe, Erwartetes, Generiertes durchsuchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+112"/>
        <source>No comparison</source>
        <translation>Kein Vergleich</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Compare row by row with another run of the same benchmark</source>
        <translation>Zeile für Zeile mit einem anderen Lauf desselben Benchmarks vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All pairs</source>
        <translation>Alle Paare</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regressions</source>
        <translation>Verschlechterungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Improvements</source>
        <translation>Verbesserungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Both pass</source>
        <translation>Beide bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Both fail</source>
        <translation>Beide nicht bestanden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All rows as CSV…</source>
        <translation>Alle Zeilen als CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All rows as JSON…</source>
        <translation>Alle Zeilen als JSON…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown rows as CSV…</source>
        <translation>Angezeigte Zeilen als CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown rows as JSON…</source>
        <translation>Angezeigte Zeilen als JSON…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare with:</source>
        <translation>Vergleichen mit:</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Loading the rows of %1…</source>
        <translation>Die Zeilen von %1 werden geladen…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>exact binomial test</source>
        <translation>exakter Binomialtest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chi-square with continuity correction, χ² = %1</source>
        <translation>Chi-Quadrat mit Stetigkeitskorrektur, χ² = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2: %3 regressions, %4 improvements, %5 both pass, %6 both fail</source>
        <translation>%1 → %2: %3 Verschlechterungen, %4 Verbesserungen, %5 beide bestanden, %6 beide nicht bestanden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (%1 rows without a pair)</source>
        <translation> (%1 Zeilen ohne Gegenstück)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>McNemar&apos;s test: p = %1 (%2)</source>
        <translation>McNemar-Test: p = %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still loading rows; the comparison updates as they arrive.</source>
        <translation>Zeilen werden noch geladen; der Vergleich wird laufend aktualisiert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No run selected.</source>
        <translation>Kein Lauf ausgewählt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1 of %2: %3</source>
        <translation>Lauf %1 von %2: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No aggregate metrics.</source>
        <translation>Keine aggregierten Metriken.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metrics appear when the run ends.</source>
        <translation>Die Metriken erscheinen, wenn der Lauf endet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All (%1)</source>
        <translation>Alle (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failures (%1)</source>
        <translation>Nicht bestanden (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passes (%1)</source>
        <translation>Bestanden (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors (%1)</source>
        <translation>Fehler (%1)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting %1 rows…</source>
        <translation>%1 Zeilen werden exportiert…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1 rows to %2.</source>
        <translation>%1 Zeilen nach %2 exportiert.</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalRowDetail</name>
    <message>
        <location filename="../ui/eval/results/eval_row_detail.cpp" line="+49"/>
        <source>Row %1 · %2</source>
        <translation>Zeile %1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated</source>
        <translation>Generiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extracted answer</source>
        <translation>Extrahierte Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Judge feedback</source>
        <translation>Judge-Rückmeldung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Input row</source>
        <translation>Eingabezeile</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select a row to see its input, answers and scores.</source>
        <translation>Wählen Sie eine Zeile, um ihre Eingabe, Antworten und Bewertungen zu sehen.</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalRowsModel</name>
    <message>
        <location filename="../ui/eval/results/eval_rows_model.cpp" line="+34"/>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Could not read the rows of job %1.</source>
        <translation>Die Zeilen von Job %1 konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not read the status of job %1.</source>
        <translation>Der Status von Job %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated</source>
        <translation>Generiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extracted answer</source>
        <translation>Extrahierte Antwort</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Judge feedback</source>
        <translation>Judge-Rückmeldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalText</name>
    <message>
        <location filename="../ui/eval/eval_text.cpp" line="+43"/>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source> · %n failed</source>
        <translation>
            <numerusform> · %n fehlgeschlagen</numerusform>
            <numerusform> · %n fehlgeschlagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wb::ui::JudgeFunctionDialog</name>
    <message>
        <location filename="../ui/eval/judge_function_dialog.cpp" line="+31"/>
        <source>New LLM-as-Judge Function</source>
        <translation>Neue LLM-as-Judge-Funktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. my-judge::helpfulness</source>
        <translation>z. B. my-judge::helpfulness</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>what the judge grades</source>
        <translation>was der Judge bewertet</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Function id:</source>
        <translation>Funktions-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Registering…</source>
        <translation>Wird registriert…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Enter an id for the function.</source>
        <translation>Geben Sie eine ID für die Funktion ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The function id must not contain spaces.</source>
        <translation>Die Funktions-ID darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The scoring function was not registered.</source>
        <translation>Die Bewertungsfunktion wurde nicht registriert.</translation>
    </message>
</context>
<context>
    <name>wb::ui::KeychainTokenStore</name>
    <message>
        <location filename="../ui/connection/keychain_token_store.cpp" line="+69"/>
        <location line="+54"/>
        <source>the keychain did not answer within %1 s</source>
        <translation>der Schlüsselbund hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
</context>
<context>
    <name>wb::ui::LanguageDialog</name>
    <message>
        <location filename="../ui/shell/language_dialog.cpp" line="+19"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System default (%1)</source>
        <translation>Systemstandard (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The new language takes effect the next time the workbench starts.</source>
        <translation>Die neue Sprache wird beim nächsten Start der Workbench wirksam.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
</context>
<context>
    <name>wb::ui::LossChart</name>
    <message>
        <location filename="../ui/training/loss_chart.cpp" line="+32"/>
        <source>Log scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Throughput (tokens/s)</source>
        <translation>Durchsatz (Tokens/s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exponential moving average of the loss (0: off)</source>
        <translation>Exponentieller gleitender Durchschnitt des Verlusts (0: aus)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loss on a logarithmic axis (values ≤ 0 are left out)</source>
        <translation>Verlust auf einer logarithmischen Achse (Werte ≤ 0 werden ausgelassen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show every step again (also: double-click a chart)</source>
        <translation>Wieder alle Schritte anzeigen (auch: Doppelklick auf ein Diagramm)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Charts as PNG…</source>
        <translation>Diagramme als PNG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charts as SVG…</source>
        <translation>Diagramme als SVG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metrics as CSV (every step)…</source>
        <translation>Metriken als CSV (jeder Schritt)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the charts as PNG or SVG, or every step&apos;s metrics as CSV</source>
        <translation>Die Diagramme als PNG oder SVG oder die Metriken jedes Schritts als CSV speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Could not write the image %1.</source>
        <translation>Das Bild %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training metrics</source>
        <translation>Trainingsmetriken</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Could not write the drawing %1.</source>
        <translation>Die Zeichnung %1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV-Datei (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export training metrics</source>
        <translation>Trainingsmetriken exportieren</translation>
    </message>
</context>
<context>
    <name>wb::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="+29"/>
        <source>Llama Stack Workbench</source>
        <translation>Llama Stack Workbench</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected: %1 (%2)</source>
        <translation>Verbunden: %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection lost — retrying… %1 (%2): %3</source>
        <translation>Verbindung verloren — neuer Versuch… %1 (%2): %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>connecting to %1…</source>
        <translation>verbinde mit %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Connection</source>
        <translation>&amp;Verbindung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Manage connections…</source>
        <translation>Verbindungen &amp;verwalten…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language…</source>
        <translation>&amp;Sprache…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About Llama Stack Workbench</source>
        <translation>Über Llama Stack Workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Llama Stack Workbench %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for the Llama Stack experimental APIs: datasets, evaluation, rerank and post-training.&lt;/p&gt;&lt;p&gt;Connected: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Llama Stack Workbench %1&lt;/h3&gt;&lt;p&gt;Eine Desktop-Werkbank für die experimentellen Llama-Stack-APIs: Datensätze, Evaluierung, Reranking und Post-Training.&lt;/p&gt;&lt;p&gt;Verbunden: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/workbench.cpp" line="+20"/>
        <source>Datasets</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Benchmarks &amp; Eval</source>
        <translation>Benchmarks &amp; Evaluierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rerank</source>
        <translation>Reranking</translation>
    </message>
</context>
<context>
    <name>wb::ui::MetricChart</name>
    <message>
        <location filename="../ui/training/metric_chart.cpp" line="+30"/>
        <source>Wheel: zoom · drag: pan · right-drag or Shift+drag: zoom to a box · double-click: reset</source>
        <translation>Mausrad: zoomen · Ziehen: verschieben · Rechts-Ziehen oder Umschalt+Ziehen: auf einen Bereich zoomen · Doppelklick: zurücksetzen</translation>
    </message>
    <message>
        <location line="+293"/>
        <source>No data yet</source>
        <translation>Noch keine Daten</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>smoothed</source>
        <translation>geglättet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>markers</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>smoothed: %1</source>
        <translation>geglättet: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>marker</source>
        <translation>Markierung</translation>
    </message>
</context>
<context>
    <name>wb::ui::MetricsCsv</name>
    <message>
        <location filename="../ui/training/metrics_csv.cpp" line="+56"/>
        <location line="+3"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelDetailView</name>
    <message>
        <location filename="../ui/models/model_detail_view.cpp" line="+36"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No model selected.</source>
        <translation>Kein Modell ausgewählt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This model cannot be used: %1</source>
        <translation>Dieses Modell kann nicht verwendet werden: %1</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelInfo</name>
    <message>
        <location filename="../ui/models/model_info.cpp" line="+128"/>
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>remote</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HF cache</source>
        <translation>HF-Cache</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>registered</source>
        <translation>registriert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(set, hidden)</source>
        <translation>(gesetzt, verborgen)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelListModel</name>
    <message>
        <location filename="../ui/models/model_list_model.cpp" line="+64"/>
        <source>This model cannot be used: %1</source>
        <translation>Dieses Modell kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, model “%2”</source>
        <translation>%1, Modell „%2“</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not load the list of models.</source>
        <translation>Die Liste der Modelle konnte nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelPicker</name>
    <message>
        <location filename="../ui/eval/model_picker.cpp" line="+23"/>
        <source>model id</source>
        <translation>Modell-ID</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not load the list of models.</source>
        <translation>Die Liste der Modelle konnte nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelsPage</name>
    <message>
        <location filename="../ui/models/models_page.cpp" line="+108"/>
        <source>Add model folder…</source>
        <translation>Modellordner hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a Hugging Face model folder (config.json, model.safetensors, tokenizer.json)</source>
        <translation>Einen Hugging-Face-Modellordner hinzufügen (config.json, model.safetensors, tokenizer.json)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add OpenAI-compatible endpoint…</source>
        <translation>OpenAI-kompatiblen Endpunkt hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A model served by llama.cpp, vLLM, Ollama or another Llama Stack server</source>
        <translation>Ein Modell, das von llama.cpp, vLLM, Ollama oder einem anderen Llama-Stack-Server bereitgestellt wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Remove the selected model from the list (its files are not touched)</source>
        <translation>Das ausgewählte Modell aus der Liste entfernen (seine Dateien bleiben unverändert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found models cannot be removed here; remove or move their folder</source>
        <translation>Gefundene Modelle können hier nicht entfernt werden; entfernen oder verschieben Sie ihren Ordner</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Remove the model “%1” from the list? The folder %2 is not touched.</source>
        <translation>Das Modell „%1“ aus der Liste entfernen? Der Ordner %2 bleibt unverändert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the endpoint model “%1” (%2)? Its API key is forgotten.</source>
        <translation>Das Endpunktmodell „%1“ (%2) entfernen? Sein API-Schlüssel wird verworfen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Model</source>
        <translation>Modell entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not remove %1.</source>
        <translation>%1 konnte nicht entfernt werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::PromptPanel</name>
    <message>
        <location filename="../ui/models/prompt_panel.cpp" line="+32"/>
        <source>System prompt:</source>
        <translation>Systemprompt:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+30"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completion (raw text)</source>
        <translation>Vervollständigung (Rohtext)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat applies the model&apos;s chat template to the messages; completion continues the text as it is.</source>
        <translation>Chat wendet die Chat-Vorlage des Modells auf die Nachrichten an; Vervollständigung setzt den Text unverändert fort.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional, e.g. You are a concise assistant.</source>
        <translation>optional, z. B. Du bist ein prägnanter Assistent.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The answer appears here as it is generated.</source>
        <translation>Die Antwort erscheint hier, während sie erzeugt wird.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+274"/>
        <source>Run (Ctrl+Enter)</source>
        <translation>Ausführen (Strg+Enter)</translation>
    </message>
    <message>
        <location line="-208"/>
        <source>The most tokens to generate (the model&apos;s context also limits it).</source>
        <translation>Höchstzahl der zu erzeugenden Tokens (auch der Kontext des Modells begrenzt sie).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>0 picks the most likely token every time (greedy).</source>
        <translation>0 wählt jedes Mal das wahrscheinlichste Token (greedy).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sample from the smallest set of tokens whose probabilities add up to this.</source>
        <translation>Aus der kleinsten Menge von Tokens ziehen, deren Wahrscheinlichkeiten zusammen diesen Wert ergeben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample from the k most likely tokens only; off: all of them.</source>
        <translation>Nur aus den k wahrscheinlichsten Tokens ziehen; aus: aus allen Tokens.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same seed, prompt and settings give the same answer.</source>
        <translation>Gleicher Seed, gleicher Prompt und gleiche Einstellungen ergeben die gleiche Antwort.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Max tokens:</source>
        <translation>Max. Tokens:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-p:</source>
        <translation>Top-p:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select a model in the list to try it.</source>
        <translation>Wählen Sie ein Modell in der Liste, um es auszuprobieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Modell: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>User message:</source>
        <translation>Benutzernachricht:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prompt (raw text):</source>
        <translation>Prompt (Rohtext):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask something… (Ctrl+Enter runs)</source>
        <translation>Fragen Sie etwas… (Strg+Enter führt aus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text for the model to continue… (Ctrl+Enter runs)</source>
        <translation>Text, den das Modell fortsetzen soll… (Strg+Enter führt aus)</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+99"/>
        <source>Select a model in the list first.</source>
        <translation>Wählen Sie zuerst ein Modell in der Liste.</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>The model %1 is not a language model (type %2).</source>
        <translation>Das Modell %1 ist kein Sprachmodell (Typ %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model %1 cannot be used: %2</source>
        <translation>Das Modell %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter a message.</source>
        <translation>Geben Sie eine Nachricht ein.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter a prompt.</source>
        <translation>Geben Sie einen Prompt ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>running…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>stopping…</source>
        <translation>wird gestoppt…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>finished (max tokens reached)</source>
        <translation>fertig (max. Tokens erreicht)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 token</source>
        <translation>1 Token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only language models (llm) can run here.</source>
        <translation>Hier können nur Sprachmodelle (llm) ausgeführt werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::PromptTemplate</name>
    <message>
        <location filename="../ui/eval/prompt_template_check.cpp" line="+22"/>
        <source>The prompt template is empty.</source>
        <translation>Die Prompt-Vorlage ist leer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A single “}” at position %1: write “}}” for a literal brace.</source>
        <translation>Einzelnes „}“ an Position %1: Schreiben Sie „}}“ für eine wörtliche Klammer.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A “{” at position %1 is never closed: write “{{” for a literal brace.</source>
        <translation>Das „{“ an Position %1 wird nie geschlossen: Schreiben Sie „{{“ für eine wörtliche Klammer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown placeholder {%1}; use %2.</source>
        <translation>Unbekannter Platzhalter {%1}; verwenden Sie %2.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegexListEditor</name>
    <message>
        <location filename="../ui/eval/regex_list_editor.cpp" line="+16"/>
        <source>%1 at position %2</source>
        <translation>%1 an Position %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>one regular expression per line</source>
        <translation>ein regulärer Ausdruck pro Zeile</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegisterBenchmarkDialog</name>
    <message>
        <location filename="../ui/eval/register_benchmark_dialog.cpp" line="+45"/>
        <source>Use parameters of its own in this benchmark</source>
        <translation>In diesem Benchmark eigene Parameter verwenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Register Benchmark</source>
        <translation>Benchmark registrieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. my-qa-benchmark</source>
        <translation>z. B. my-qa-benchmark</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New judge function…</source>
        <translation>Neue Judge-Funktion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register an LLM-as-judge scoring function of your own</source>
        <translation>Eine eigene LLM-as-Judge-Bewertungsfunktion registrieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a scoring function to see its parameters.</source>
        <translation>Wählen Sie eine Bewertungsfunktion, um ihre Parameter zu sehen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>optional JSON object, e.g. {&quot;description&quot;: &quot;capital cities&quot;}</source>
        <translation>optionales JSON-Objekt, z. B. {&quot;description&quot;: &quot;Hauptstädte&quot;}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Benchmark id:</source>
        <translation>Benchmark-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scoring functions:</source>
        <translation>Bewertungsfunktionen:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Metadata:</source>
        <translation>Metadaten:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not load the datasets.</source>
        <translation>Die Datensätze konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not load the scoring functions.</source>
        <translation>Die Bewertungsfunktionen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters of %1</source>
        <translation>Parameter von %1</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Enter an id for the benchmark.</source>
        <translation>Geben Sie eine ID für den Benchmark ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The benchmark id must not contain spaces.</source>
        <translation>Die Benchmark-ID darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no dataset to evaluate on: register one on the Datasets page.</source>
        <translation>Es gibt keinen Datensatz für die Evaluierung: Registrieren Sie einen auf der Seite „Datensätze“.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a dataset.</source>
        <translation>Wählen Sie einen Datensatz.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check at least one scoring function.</source>
        <translation>Wählen Sie mindestens eine Bewertungsfunktion aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Metadata: %1</source>
        <translation>Metadaten: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Registering…</source>
        <translation>Wird registriert…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The benchmark was not registered.</source>
        <translation>Der Benchmark wurde nicht registriert.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegisterDatasetDialog</name>
    <message>
        <location filename="../ui/datasets/register_dataset_dialog.cpp" line="+53"/>
        <source>Register Dataset</source>
        <translation>Datensatz registrieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local file</source>
        <translation>Lokale Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pasted rows</source>
        <translation>Eingefügte Zeilen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>optional; generated when empty</source>
        <translation>optional; wird erzeugt, wenn leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>optional JSON object, e.g. {&quot;license&quot;: &quot;cc-by-4.0&quot;}</source>
        <translation>optionales JSON-Objekt, z. B. {&quot;license&quot;: &quot;cc-by-4.0&quot;}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purpose:</source>
        <translation>Zweck:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset id:</source>
        <translation>Datensatz-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata:</source>
        <translation>Metadaten:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Registering…</source>
        <translation>Wird registriert…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CSV, TSV, JSONL, JSON or XLSX file</source>
        <translation>CSV-, TSV-, JSONL-, JSON- oder XLSX-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>URL (http, https, file or data:):</source>
        <translation>URL (http, https, file oder data:):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split:</source>
        <translation>Split:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Config:</source>
        <translation>Konfiguration:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A JSON array of objects, or one JSON object per line (JSONL)</source>
        <translation>Ein JSON-Array von Objekten oder ein JSON-Objekt pro Zeile (JSONL)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose a Dataset File</source>
        <translation>Datensatzdatei auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data files (*.csv *.tsv *.jsonl *.json *.xlsx);;All files (*)</source>
        <translation>Datendateien (*.csv *.tsv *.jsonl *.json *.xlsx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 rows ready.</source>
        <translation>%1 Zeilen bereit.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a file.</source>
        <translation>Wählen Sie eine Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter a URL that starts with http://, https://, file:// or data:.</source>
        <translation>Geben Sie eine URL ein, die mit http://, https://, file:// oder data: beginnt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter a Hugging Face dataset id such as org/name.</source>
        <translation>Geben Sie eine Hugging-Face-Datensatz-ID wie org/name ein.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Metadata: %1</source>
        <translation>Metadaten: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The dataset was not registered.</source>
        <translation>Der Datensatz wurde nicht registriert.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegisterModelDialog</name>
    <message>
        <location filename="../ui/models/register_model_dialog.cpp" line="+31"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adding the model…</source>
        <translation>Modell wird hinzugefügt…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The model was not added.</source>
        <translation>Das Modell wurde nicht hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankBatchPanel</name>
    <message>
        <location filename="../ui/rerank/rerank_batch_panel.cpp" line="+65"/>
        <source>Run batch</source>
        <translation>Batch ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional. Either one number per candidate (graded relevance, 0 = not relevant) or the indices of the relevant candidates.</source>
        <translation>Optional. Entweder eine Zahl je Kandidat (abgestufte Relevanz, 0 = nicht relevant) oder die Indizes der relevanten Kandidaten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grades</source>
        <translation>Relevanzstufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indices</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto reads the labels as grades only when every row has one label per candidate, else as the indices of the relevant candidates (decided once for the whole dataset).</source>
        <translation>Automatisch liest die Labels nur dann als Relevanzstufen, wenn jede Zeile ein Label je Kandidat hat, sonst als Indizes der relevanten Kandidaten (einmal für den ganzen Datensatz entschieden).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A list of strings or text parts (or a JSON string holding one).</source>
        <translation>Eine Liste von Zeichenketten oder Textteilen (oder eine JSON-Zeichenkette, die eine solche enthält).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>NDCG is computed over the top k of each ranking.</source>
        <translation>NDCG wird über die obersten k jeder Rangfolge berechnet.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query column</source>
        <translation>Abfragespalte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Candidates column</source>
        <translation>Kandidatenspalte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels column</source>
        <translation>Labelspalte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels are</source>
        <translation>Labels sind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k (NDCG@k)</source>
        <translation>k (NDCG@k)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 of %2 rows</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+7"/>
        <source>Export batch results</source>
        <translation>Batch-Ergebnisse exportieren</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>Could not export the batch results.</source>
        <translation>Die Batch-Ergebnisse konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Choose a rerank model.</source>
        <translation>Wählen Sie ein Reranking-Modell.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a dataset.</source>
        <translation>Wählen Sie einen Datensatz.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name the query column.</source>
        <translation>Geben Sie die Abfragespalte an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name the candidates column.</source>
        <translation>Geben Sie die Kandidatenspalte an.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NDCG@%1 %2</source>
        <translation>NDCG@%1 %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MRR %1</source>
        <translation>MRR %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>graded</source>
        <translation>abgestuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>indices</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelled after %1 of %2 rows.</source>
        <translation>Nach %1 von %2 Zeilen abgebrochen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows reranked.</source>
        <translation>%1 Zeilen neu geordnet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: mean NDCG@%2 %3, mean MRR %4 over %5 labelled rows.</source>
        <translation>%1: mittlerer NDCG@%2 %3, mittlerer MRR %4 über %5 Zeilen mit Labels.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No labels column: rankings only, no metrics.</source>
        <translation>Keine Labelspalte: nur Rangfolgen, keine Metriken.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Labels read as graded relevance (detected: every row has one label per candidate).</source>
        <translation>Labels als abgestufte Relevanz gelesen (erkannt: jede Zeile hat ein Label je Kandidat).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels read as graded relevance (as chosen).</source>
        <translation>Labels als abgestufte Relevanz gelesen (wie gewählt).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labels read as relevant indices (detected: not every row has one label per candidate).</source>
        <translation>Labels als Indizes der relevanten Kandidaten gelesen (erkannt: nicht jede Zeile hat ein Label je Kandidat).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels read as relevant indices (as chosen).</source>
        <translation>Labels als Indizes der relevanten Kandidaten gelesen (wie gewählt).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NDCG gain (2^rel − 1) / log2(rank + 1); MRR counts relevance &gt; 0. Equal scores count as the expected value over their orders (tie-aware).</source>
        <translation>NDCG-Gewinn (2^rel − 1) / log2(Rang + 1); MRR zählt Relevanz &gt; 0. Gleiche Bewertungen zählen mit dem Erwartungswert über ihre Reihenfolgen (gleichstandsbewusst).</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankBatchRunner</name>
    <message>
        <location filename="../ui/rerank/rerank_batch.cpp" line="+59"/>
        <source>Could not read the rows of %1.</source>
        <translation>Die Zeilen von %1 konnten nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankItemsEditor</name>
    <message>
        <location filename="../ui/rerank/rerank_items_editor.cpp" line="+34"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Query (Enter runs)</source>
        <translation>Abfrage (Enter führt aus)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One item per row; typing into the empty last row adds one.</source>
        <translation>Ein Element pro Zeile; Eingaben in der leeren letzten Zeile fügen ein neues hinzu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[&quot;first item&quot;, &quot;second item&quot;]</source>
        <translation>[&quot;erstes Element&quot;, &quot;zweites Element&quot;]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A JSON array of strings or text parts ({&quot;type&quot;: &quot;text&quot;, &quot;text&quot;: ...}).</source>
        <translation>Ein JSON-Array von Zeichenketten oder Textteilen ({&quot;type&quot;: &quot;text&quot;, &quot;text&quot;: ...}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit the items as a JSON array (the table and the JSON stay in sync).</source>
        <translation>Die Elemente als JSON-Array bearbeiten (Tabelle und JSON bleiben synchron).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the clipboard&apos;s items: a JSON array, or one item per non-empty line.</source>
        <translation>Die Elemente aus der Zwischenablage hinzufügen: ein JSON-Array oder ein Element pro nicht leerer Zeile.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every item.</source>
        <translation>Alle Elemente entfernen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Fix the JSON before pasting: %1</source>
        <translation>Korrigieren Sie das JSON vor dem Einfügen: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The JSON stays open until it is a valid array: %1</source>
        <translation>Das JSON bleibt geöffnet, bis es ein gültiges Array ist: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Items must be a JSON array of strings or text parts.</source>
        <translation>Die Elemente müssen ein JSON-Array von Zeichenketten oder Textteilen sein.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Item %1 is an image: images are not supported here.</source>
        <translation>Element %1 ist ein Bild: Bilder werden hier nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item %1 is neither a string nor a text part.</source>
        <translation>Element %1 ist weder eine Zeichenkette noch ein Textteil.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Remove this item</source>
        <translation>Dieses Element entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove item</source>
        <translation>Element entfernen</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankPage</name>
    <message>
        <location filename="../ui/rerank/rerank_page.cpp" line="+64"/>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rerank</source>
        <translation>Reranking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A rerank model: bm25, llm-rerank/&lt;model&gt;, embedding-rerank/&lt;model&gt; or a registered one.</source>
        <translation>Ein Reranking-Modell: bm25, llm-rerank/&lt;model&gt;, embedding-rerank/&lt;model&gt; oder ein registriertes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rank the same items with a second model and show both side by side.</source>
        <translation>Dieselben Elemente mit einem zweiten Modell einordnen und beide nebeneinander anzeigen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top </source>
        <translation>Top </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_num_results: how many of the best items to return (all by default).</source>
        <translation>max_num_results: wie viele der besten Elemente zurückgegeben werden (standardmäßig alle).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+237"/>
        <source>Rerank the items (Enter in the query, or Ctrl+Enter)</source>
        <translation>Die Elemente neu ordnen (Enter in der Abfrage oder Strg+Enter)</translation>
    </message>
    <message>
        <location line="-231"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter a query and the items to rank, then Rerank.</source>
        <translation>Geben Sie eine Abfrage und die einzuordnenden Elemente ein und klicken Sie dann auf „Neu ordnen“.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reranking…</source>
        <translation>Reranking läuft…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Single query</source>
        <translation>Einzelne Abfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch over a dataset</source>
        <translation>Batch über einen Datensatz</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+7"/>
        <source>Export rerank results</source>
        <translation>Reranking-Ergebnisse exportieren</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>Could not export the results.</source>
        <translation>Die Ergebnisse konnten nicht exportiert werden.</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Choose a rerank model.</source>
        <translation>Wählen Sie ein Reranking-Modell.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the model to compare with, or untick &quot;Compare with&quot;.</source>
        <translation>Wählen Sie das Vergleichsmodell oder deaktivieren Sie „Vergleichen mit“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a query.</source>
        <translation>Geben Sie eine Abfrage ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add at least one item to rank.</source>
        <translation>Fügen Sie mindestens ein einzuordnendes Element hinzu.</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Reranking %n item(s)…</source>
        <translation>
            <numerusform>%n Element wird neu geordnet…</numerusform>
            <numerusform>%n Elemente werden neu geordnet…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not rerank with %1.</source>
        <translation>Das Reranking mit %1 ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Run the batch over the dataset (Ctrl+Enter)</source>
        <translation>Batch über den Datensatz ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No results.</source>
        <translation>Keine Ergebnisse.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No new results: the table shows the last run&apos;s.</source>
        <translation>Keine neuen Ergebnisse: Die Tabelle zeigt die des letzten Laufs.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1: the bar shows the raw score (in [0, 1]).</source>
        <translation>%1: Der Balken zeigt den Rohwert (in [0, 1]).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the bar shows sigmoid(raw); the raw scores are outside [0, 1].</source>
        <translation>%1: Der Balken zeigt sigmoid(raw); die Rohwerte liegen außerhalb von [0, 1].</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 score: %2</source>
        <translation>Bewertung von %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2 items ranked.</source>
        <translation>%1 von %2 Elementen eingeordnet.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankResultsModel</name>
    <message>
        <location filename="../ui/rerank/rerank_results_model.cpp" line="+89"/>
        <source>Item %1 of the input</source>
        <translation>Element %1 der Eingabe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Input position %1, ranked %2</source>
        <translation>Eingabeposition %1, eingeordnet auf Platz %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The bar shows the %1</source>
        <translation>Der Balken zeigt: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 ranks this item %2</source>
        <translation>%1 setzt dieses Element auf Platz %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 did not rank this item</source>
        <translation>%1 hat dieses Element nicht eingeordnet</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Δ input</source>
        <translation>Δ Eingabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bar: %1</source>
        <translation>Balken: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Δ other</source>
        <translation>Δ anderes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ %1</source>
        <translation>Δ %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Places moved against the input order: ▲ up, ▼ down, = kept</source>
        <translation>Verschiebung in Plätzen gegenüber der Eingabereihenfolge: ▲ nach oben, ▼ nach unten, = unverändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The bar shows the raw score (it is already in [0, 1])</source>
        <translation>Der Balken zeigt den Rohwert (er liegt bereits in [0, 1])</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bar shows sigmoid(raw): the raw scores are not in [0, 1]</source>
        <translation>Der Balken zeigt sigmoid(raw): Die Rohwerte liegen nicht in [0, 1]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The score the model answered, unchanged</source>
        <translation>Die vom Modell gelieferte Bewertung, unverändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 / (1 + e^−raw): comparable with logit-scoring models</source>
        <translation>1 / (1 + e^−raw): vergleichbar mit Modellen, die Logits als Bewertung liefern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Places this model ranks the item above (▲) or below (▼) %1</source>
        <translation>Plätze, um die dieses Modell das Element höher (▲) oder niedriger (▼) einordnet als %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the other model</source>
        <translation>das andere Modell</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankScores</name>
    <message>
        <location filename="../ui/rerank/rerank_scores.cpp" line="+38"/>
        <source>raw score</source>
        <translation>Rohwert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sigmoid(raw)</source>
        <translation>sigmoid(raw)</translation>
    </message>
</context>
<context>
    <name>wb::ui::RowDetailView</name>
    <message>
        <location filename="../ui/datasets/row_detail_view.cpp" line="+80"/>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Row %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading row %1…</source>
        <translation>Zeile %1 wird geladen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a row to see its fields.</source>
        <translation>Wählen Sie eine Zeile, um ihre Felder zu sehen.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RowsTextParser</name>
    <message>
        <location filename="../ui/datasets/rows_text_parser.cpp" line="+47"/>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Item %1 of the array is not a JSON object.</source>
        <translation>Element %1 des Arrays ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>expected a JSON object like {&quot;column&quot;: &quot;value&quot;}</source>
        <translation>erwartet wurde ein JSON-Objekt wie {&quot;column&quot;: &quot;value&quot;}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No rows: paste a JSON array of objects or one JSON object per line.</source>
        <translation>Keine Zeilen: Fügen Sie ein JSON-Array von Objekten oder ein JSON-Objekt pro Zeile ein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The array is empty.</source>
        <translation>Das Array ist leer.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Expected a JSON object like {&quot;key&quot;: &quot;value&quot;}.</source>
        <translation>Erwartet wurde ein JSON-Objekt wie {&quot;key&quot;: &quot;value&quot;}.</translation>
    </message>
</context>
<context>
    <name>wb::ui::RunSetupPanel</name>
    <message>
        <location filename="../ui/eval/run_setup_panel.cpp" line="+59"/>
        <source>Override scoring parameters for this run</source>
        <translation>Bewertungsparameter für diesen Lauf überschreiben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The model that answers the benchmark&apos;s questions</source>
        <translation>Das Modell, das die Fragen des Benchmarks beantwortet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>greedy</source>
        <translation>greedy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top-p (nucleus)</source>
        <translation>top-p (Nucleus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optional; one per line, \n for a newline</source>
        <translation>optional; eine pro Zeile, \n für einen Zeilenumbruch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional system message</source>
        <translation>optionale Systemnachricht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all rows</source>
        <translation>alle Zeilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluate the first N rows of the dataset; &quot;all rows&quot; evaluates every row</source>
        <translation>Die ersten N Zeilen des Datensatzes auswerten; „alle Zeilen“ wertet jede Zeile aus</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Candidate model:</source>
        <translation>Kandidatenmodell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strategy:</source>
        <translation>Strategie:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-p:</source>
        <translation>Top-p:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max tokens:</source>
        <translation>Max. Tokens:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repetition penalty:</source>
        <translation>Wiederholungsstrafe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop strings:</source>
        <translation>Stoppzeichenfolgen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System message:</source>
        <translation>Systemnachricht:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Examples:</source>
        <translation>Beispiele:</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The benchmark sets its own parameters for %1.</source>
        <translation>Der Benchmark legt für %1 eigene Parameter fest.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some of the benchmark&apos;s parameters cannot be read: %1</source>
        <translation>Einige Parameter des Benchmarks können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The scoring function %1 is not listed; its defaults are unknown here.</source>
        <translation>Die Bewertungsfunktion %1 ist nicht aufgeführt; ihre Standardwerte sind hier unbekannt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a benchmark.</source>
        <translation>Wählen Sie einen Benchmark.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a candidate model.</source>
        <translation>Wählen Sie ein Kandidatenmodell.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>wb::ui::ScoringParamsEditor</name>
    <message>
        <location filename="../ui/eval/scoring_params_editor.cpp" line="+44"/>
        <source>basic: no parameters but the aggregations; regex_parser: regexes that extract the answer; llm_as_judge: a model grades each answer</source>
        <translation>basic: keine Parameter außer den Aggregationen; regex_parser: reguläre Ausdrücke, die die Antwort extrahieren; llm_as_judge: ein Modell bewertet jede Antwort</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aggregations:</source>
        <translation>Aggregationen:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>one regular expression per line; the first group is the answer</source>
        <translation>ein regulärer Ausdruck pro Zeile; die erste Gruppe ist die Antwort</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parsing regexes:</source>
        <translation>Parse-Ausdrücke:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Question: {input_query}
Gold answer: {expected_answer}
Answer: {generated_answer}
Score the answer from 0 to 5. Score:</source>
        <translation>Frage: {input_query}
Referenzantwort: {expected_answer}
Antwort: {generated_answer}
Bewerten Sie die Antwort von 0 bis 5. Punktzahl:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Placeholders: %1. Write {{ and }} for literal braces.</source>
        <translation>Platzhalter: %1. Schreiben Sie {{ und }} für wörtliche Klammern.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>e.g. Score: (\d+)</source>
        <translation>z. B. Score: (\d+)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Judge model:</source>
        <translation>Judge-Modell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompt template:</source>
        <translation>Prompt-Vorlage:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Judge score regexes:</source>
        <translation>Judge-Bewertungsausdrücke:</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Parsing regexes: %1</source>
        <translation>Parse-Ausdrücke: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parsing regexes: enter at least one regular expression.</source>
        <translation>Parse-Ausdrücke: Geben Sie mindestens einen regulären Ausdruck ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a judge model.</source>
        <translation>Wählen Sie ein Judge-Modell.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prompt template: %1</source>
        <translation>Prompt-Vorlage: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Judge score regexes: %1</source>
        <translation>Judge-Bewertungsausdrücke: %1</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingForm</name>
    <message>
        <location filename="../ui/training/training_form.cpp" line="+128"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervised fine-tuning (SFT)</source>
        <translation>Überwachtes Fine-Tuning (SFT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preference optimization (DPO)</source>
        <translation>Präferenzoptimierung (DPO)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The job&apos;s id (job_uuid); it must not be used by another job</source>
        <translation>Die ID des Jobs (job_uuid); sie darf von keinem anderen Job verwendet werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make a new unique job id</source>
        <translation>Eine neue, eindeutige Job-ID erzeugen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>local model id</source>
        <translation>lokale Modell-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A local model to start from; fine-tuned checkpoints are registered as new models</source>
        <translation>Ein lokales Modell als Ausgangspunkt; feinabgestimmte Checkpoints werden als neue Modelle registriert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>default: the engine&apos;s checkpoints folder</source>
        <translation>Standard: der Checkpoint-Ordner der Engine</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+260"/>
        <source>Where the checkpoints are written (checkpoint_dir); empty for the default</source>
        <translation>Wohin die Checkpoints geschrieben werden (checkpoint_dir); leer für den Standard</translation>
    </message>
    <message>
        <location line="-258"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+14"/>
        <source>Checkpoint folder</source>
        <translation>Checkpoint-Ordner</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job id</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full fine-tuning</source>
        <translation>Vollständiges Fine-Tuning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LoRA (low-rank adapters)</source>
        <translation>LoRA (Low-Rank-Adapter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QAT (quantization-aware training)</source>
        <translation>QAT (quantisierungsbewusstes Training)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every weight of the model is trained.</source>
        <translation>Alle Gewichte des Modells werden trainiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rank r of the adapters</source>
        <translation>Rang r der Adapter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scale: the adapters&apos; update is multiplied by alpha / rank</source>
        <translation>Skalierung: Die Aktualisierung der Adapter wird mit Alpha / Rang multipliziert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query projection</source>
        <translation>Query-Projektion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key projection</source>
        <translation>Key-Projektion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value projection</source>
        <translation>Value-Projektion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output projection of attention</source>
        <translation>Ausgabeprojektion der Attention</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adapters on the MLP (gate, up, down)</source>
        <translation>Adapter auf dem MLP (gate, up, down)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output layer</source>
        <translation>Ausgabeschicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>An adapter on the LM head</source>
        <translation>Ein Adapter auf dem LM-Head</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DoRA</source>
        <translation>DoRA</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight-decomposed adapters (use_dora)</source>
        <translation>Gewichtszerlegte Adapter (use_dora)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantize base</source>
        <translation>Basis quantisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the frozen base weights in int8 (weight-only) to save memory</source>
        <translation>Die eingefrorenen Basisgewichte in int8 (nur Gewichte) halten, um Speicher zu sparen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also</source>
        <translation>Zusätzlich</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>int8 dynamic activations + int4 grouped weights, or int4 weights only</source>
        <translation>Dynamische int8-Aktivierungen + gruppierte int4-Gewichte oder nur int4-Gewichte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weights share one scale per group of this many inputs; it must divide the layers&apos; input size</source>
        <translation>Gewichte teilen sich einen Skalierungsfaktor je Gruppe aus so vielen Eingaben; der Wert muss die Eingabegröße der Schichten teilen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quantizer</source>
        <translation>Quantisierer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group size</source>
        <translation>Gruppengröße</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preference optimization</source>
        <translation>Präferenzoptimierung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How far the model may move from the reference model (larger: less)</source>
        <translation>Wie weit sich das Modell vom Referenzmodell entfernen darf (größer: weniger)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sigmoid (DPO)</source>
        <translation>sigmoid (DPO)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hinge (SLiC)</source>
        <translation>hinge (SLiC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IPO</source>
        <translation>IPO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KTO pair</source>
        <translation>KTO-Paar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rows need prompt, chosen and rejected; the model is trained against a frozen copy of itself.</source>
        <translation>Zeilen brauchen prompt, chosen und rejected; das Modell wird gegen eine eingefrorene Kopie seiner selbst trainiert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>instruct (question → answer)</source>
        <translation>instruct (Frage → Antwort)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dialog (messages)</source>
        <translation>dialog (Nachrichten)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shuffle</source>
        <translation>Mischen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shuffle the rows every epoch</source>
        <translation>Die Zeilen in jeder Epoche mischen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packed</source>
        <translation>Gepackt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pack several short examples into one sequence</source>
        <translation>Mehrere kurze Beispiele in eine Sequenz packen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train on input</source>
        <translation>Auf Eingabe trainieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also learn the prompt tokens, not only the answer</source>
        <translation>Auch die Prompt-Tokens lernen, nicht nur die Antwort</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation dataset</source>
        <translation>Validierungsdatensatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Schedule</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most this many optimizer steps per epoch</source>
        <translation>Höchstens so viele Optimiererschritte pro Epoche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches whose gradients are summed before one optimizer step</source>
        <translation>Batches, deren Gradienten vor einem Optimiererschritt summiert werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Validation batches at the end of each epoch</source>
        <translation>Validierungs-Batches am Ende jeder Epoche</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max steps per epoch</source>
        <translation>Max. Schritte pro Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient accumulation</source>
        <translation>Gradientenakkumulation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max validation steps</source>
        <translation>Max. Validierungsschritte</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+34"/>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Peak learning rate, e.g. 1e-4; warm-up then cosine decay to 0</source>
        <translation>Maximale Lernrate, z. B. 1e-4; erst Aufwärmphase, dann Kosinus-Abfall auf 0</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 (where the CPU supports it)</source>
        <translation>bf16 (sofern die CPU es unterstützt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Activation checkpointing</source>
        <translation>Activation Checkpointing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute activations in the backward pass: less memory, more time</source>
        <translation>Aktivierungen im Rückwärtsdurchlauf neu berechnen: weniger Speicher, mehr Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation offloading</source>
        <translation>Activation Offloading</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted; not applied on a CPU</source>
        <translation>Wird angenommen; auf einer CPU nicht angewendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory-efficient FSDP wrap</source>
        <translation>Speichereffizientes FSDP-Wrapping</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Accepted; not applied on one device</source>
        <translation>Wird angenommen; auf einem einzelnen Gerät nicht angewendet</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>FSDP CPU offload</source>
        <translation>FSDP-CPU-Offload</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up steps</source>
        <translation>Aufwärmschritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficiency</source>
        <translation>Effizienz</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>logger_config as a JSON object (passed on as it is)</source>
        <translation>logger_config als JSON-Objekt (wird unverändert weitergegeben)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hyperparam_search_config as a JSON object (passed on as it is)</source>
        <translation>hyperparam_search_config als JSON-Objekt (wird unverändert weitergegeben)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+96"/>
        <source>Logger config</source>
        <translation>Logger-Konfiguration</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+94"/>
        <source>Hyperparameter search</source>
        <translation>Hyperparametersuche</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Preference optimization uses the default checkpoints folder</source>
        <translation>Die Präferenzoptimierung verwendet den Standard-Checkpoint-Ordner</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>%1 must be a JSON object such as {} or {&quot;key&quot;: &quot;value&quot;}.</source>
        <translation>%1 muss ein JSON-Objekt wie {} oder {&quot;key&quot;: &quot;value&quot;} sein.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Learning rate: “%1” is not a number (write e.g. 1e-4 or 0.0001).</source>
        <translation>Lernrate: „%1“ ist keine Zahl (schreiben Sie z. B. 1e-4 oder 0.0001).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weight decay: “%1” is not a number.</source>
        <translation>Weight Decay: „%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>DPO beta: “%1” is not a number.</source>
        <translation>DPO-Beta: „%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The preset must be a JSON object (a training request without job_uuid).</source>
        <translation>Die Voreinstellung muss ein JSON-Objekt sein (eine Trainingsanfrage ohne job_uuid).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The preset is not a valid preference-optimization request: %1</source>
        <translation>Die Voreinstellung ist keine gültige Anfrage zur Präferenzoptimierung: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>The preset cannot be used: %1</source>
        <translation>Die Voreinstellung kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The preset is not a valid fine-tuning request: %1</source>
        <translation>Die Voreinstellung ist keine gültige Fine-Tuning-Anfrage: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The form cannot be saved as a preset yet: %1</source>
        <translation>Das Formular kann noch nicht als Voreinstellung gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not valid JSON.</source>
        <translation>%1 ist kein gültiges JSON.</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingJobFollower</name>
    <message>
        <location filename="../ui/training/training_job_follower.cpp" line="+90"/>
        <source>Could not follow training job %1.</source>
        <translation>Trainingsjob %1 konnte nicht verfolgt werden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not read the metrics of training job %1.</source>
        <translation>Die Metriken von Trainingsjob %1 konnten nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingJobListModel</name>
    <message>
        <location filename="../ui/training/training_job_list_model.cpp" line="+23"/>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 / %2 (%3%)</source>
        <translation>%1 / %2 (%3%)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not load the training jobs.</source>
        <translation>Die Trainingsjobs konnten nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingPage</name>
    <message>
        <location filename="../ui/training/training_page.cpp" line="+136"/>
        <source>Load preset…</source>
        <translation>Voreinstellung laden…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill the form from a preset (a training request saved as JSON)</source>
        <translation>Das Formular aus einer Voreinstellung füllen (einer als JSON gespeicherten Trainingsanfrage)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load preset</source>
        <translation>Voreinstellung laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training presets (*.json);;All files (*)</source>
        <translation>Trainings-Voreinstellungen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save preset…</source>
        <translation>Voreinstellung speichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the form as a preset (JSON, without the job id)</source>
        <translation>Das Formular als Voreinstellung speichern (JSON, ohne die Job-ID)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save preset</source>
        <translation>Voreinstellung speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training presets (*.json)</source>
        <translation>Trainings-Voreinstellungen (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bundled example</source>
        <translation>Mitgeliefertes Beispiel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fine-tune the bundled starter model on the capitals sample</source>
        <translation>Das mitgelieferte Startermodell mit dem Hauptstädte-Beispiel feinabstimmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This build has no bundled example</source>
        <translation>Dieser Build enthält kein mitgeliefertes Beispiel</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+50"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Start training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a background training job with this form</source>
        <translation>Mit diesem Formular einen Trainingsjob im Hintergrund starten</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the job within one step; its checkpoints stay</source>
        <translation>Den Job innerhalb eines Schritts stoppen; seine Checkpoints bleiben erhalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+246"/>
        <source>Continue a cancelled or interrupted job from its last checkpoint</source>
        <translation>Einen abgebrochenen oder unterbrochenen Job ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluate this checkpoint</source>
        <translation>Diesen Checkpoint evaluieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Benchmarks &amp; Eval with this checkpoint&apos;s model chosen</source>
        <translation>„Benchmarks &amp; Evaluierung“ mit dem Modell dieses Checkpoints öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>No training job yet: fill in the form and start one.</source>
        <translation>Noch kein Trainingsjob: Füllen Sie das Formular aus und starten Sie einen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a job to follow it.</source>
        <translation>Wählen Sie einen Job, um ihn zu verfolgen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 on %3 · %4 · step %5</source>
        <translation>%1 · %2 auf %3 · %4 · Schritt %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n Thread</numerusform>
            <numerusform>%n Threads</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>peak %1</source>
        <translation>Spitzenspeicher %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The job failed: %1</source>
        <translation>Der Job ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only a cancelled or interrupted job with a checkpoint can be resumed</source>
        <translation>Nur ein abgebrochener oder unterbrochener Job mit einem Checkpoint kann fortgesetzt werden</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The training job did not start.</source>
        <translation>Der Trainingsjob wurde nicht gestartet.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Could not cancel training job %1.</source>
        <translation>Trainingsjob %1 konnte nicht abgebrochen werden.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not resume training job %1.</source>
        <translation>Trainingsjob %1 konnte nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This build has no bundled example.</source>
        <translation>Dieser Build enthält kein mitgeliefertes Beispiel.</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingRequestCheck</name>
    <message>
        <location filename="../ui/training/training_request_check.cpp" line="+20"/>
        <source>%1 must be between %2 and %3 (it is %4).</source>
        <translation>%1 muss zwischen %2 und %3 liegen (aktuell %4).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Job id: enter an id for the job.</source>
        <translation>Job-ID: Geben Sie eine ID für den Job ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job id: no spaces at the ends and no “/”.</source>
        <translation>Job-ID: keine Leerzeichen am Anfang oder Ende und kein „/“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max steps per epoch</source>
        <translation>Max. Schritte pro Epoche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gradient accumulation</source>
        <translation>Gradientenakkumulation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Max validation steps</source>
        <translation>Max. Validierungsschritte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Precision must be fp32 or bf16 (it is “%1”).</source>
        <translation>Die Präzision muss fp32 oder bf16 sein (aktuell „%1“).</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Dataset: choose the dataset to train on.</source>
        <translation>Datensatz: Wählen Sie den Datensatz, auf dem trainiert werden soll.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Validation dataset: choose one or “(none)”.</source>
        <translation>Validierungsdatensatz: Wählen Sie einen oder „(keiner)“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning rate must be greater than 0 (for example 1e-4).</source>
        <translation>Die Lernrate muss größer als 0 sein (zum Beispiel 1e-4).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate %1 is far too large; use a value such as 1e-4.</source>
        <translation>Die Lernrate %1 ist viel zu groß; verwenden Sie einen Wert wie 1e-4.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight decay must be 0 or more.</source>
        <translation>Weight Decay muss 0 oder größer sein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up steps</source>
        <translation>Aufwärmschritte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optimizer: the settings are missing.</source>
        <translation>Optimierer: Die Einstellungen fehlen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model: choose the model to fine-tune.</source>
        <translation>Modell: Wählen Sie das Modell für das Fine-Tuning.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checkpoint folder: enter a folder or leave it empty for the default.</source>
        <translation>Checkpoint-Ordner: Geben Sie einen Ordner ein oder lassen Sie das Feld für den Standard leer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LoRA rank must be at least 1 (it is %1).</source>
        <translation>Der LoRA-Rang muss mindestens 1 sein (aktuell %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LoRA rank</source>
        <translation>LoRA-Rang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LoRA alpha</source>
        <translation>LoRA-Alpha</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>LoRA: choose at least one layer to adapt (an attention projection, the MLP or the output).</source>
        <translation>LoRA: Wählen Sie mindestens eine anzupassende Schicht (eine Attention-Projektion, das MLP oder die Ausgabe).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>LoRA: unknown attention module “%1” (q_proj, k_proj, v_proj, o_proj).</source>
        <translation>LoRA: unbekanntes Attention-Modul „%1“ (q_proj, k_proj, v_proj, o_proj).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>QAT: choose a quantizer.</source>
        <translation>QAT: Wählen Sie einen Quantisierer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QAT group size</source>
        <translation>QAT-Gruppengröße</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model: choose the model to align.</source>
        <translation>Modell: Wählen Sie das auszurichtende Modell.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DPO beta must be greater than 0 (for example 0.1).</source>
        <translation>DPO-Beta muss größer als 0 sein (zum Beispiel 0.1).</translation>
    </message>
</context>
</TS>
