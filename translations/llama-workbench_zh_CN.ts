<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+41"/>
        <source>Desktop workbench for the Llama Stack experimental APIs.</source>
        <translation>用于 Llama Stack 实验性 API 的桌面工作台。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Displays version information.</source>
        <translation>显示版本信息。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keeps the engine&apos;s data (store, caches) in &lt;dir&gt;.</source>
        <translation>将引擎的数据（存储、缓存）保存在 &lt;dir&gt; 中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Also lists the Hugging Face model folders in &lt;dir&gt; (repeatable; &lt;data dir&gt;/models, WB_MODEL_PATH and the Hugging Face cache are always searched).</source>
        <translation>还会列出 &lt;dir&gt; 中的 Hugging Face 模型文件夹（可重复指定；始终会搜索 &lt;data dir&gt;/models、WB_MODEL_PATH 和 Hugging Face 缓存）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Uses the &lt;locale&gt; translation (e.g. de, zh_CN) for this run.</source>
        <translation>本次运行使用 &lt;locale&gt; 翻译（例如 de、zh_CN）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locale</source>
        <translation>区域设置</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Server mode: llama-workbench serve --help</source>
        <translation>服务器模式：llama-workbench serve --help</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Llama Stack Workbench</source>
        <translation>Llama Stack 工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not open the data folder %1:
%2</source>
        <translation>无法打开数据文件夹 %1：
%2</translation>
    </message>
</context>
<context>
    <name>wb::ui::AddEndpointDialog</name>
    <message>
        <location filename="../ui/models/add_endpoint_dialog.cpp" line="+28"/>
        <source>Enter the endpoint&apos;s base URL, for example %1.</source>
        <translation>请输入端点的基础 URL，例如 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The base URL must start with http:// or https://, for example %1.</source>
        <translation>基础 URL 必须以 http:// 或 https:// 开头，例如 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The base URL %1 has no host name.</source>
        <translation>基础 URL %1 没有主机名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The base URL must not have a query or fragment (“?…”, “#…”): %1</source>
        <translation>基础 URL 不能包含查询或片段（“?…”、“#…”）：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter a model id or the model&apos;s name at the endpoint.</source>
        <translation>请输入模型 ID 或该模型在端点上的名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model id must not contain spaces: “%1”.</source>
        <translation>模型 ID 不能包含空格：“%1”。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add OpenAI-Compatible Endpoint</source>
        <translation>添加 OpenAI 兼容端点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the remote model name when empty</source>
        <translation>留空时使用远程模型名称</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the model&apos;s name at the endpoint, e.g. llama3.2:1b</source>
        <translation>模型在端点上的名称，例如 llama3.2:1b</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model id:</source>
        <translation>模型 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base URL:</source>
        <translation>基础 URL：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote model:</source>
        <translation>远程模型：</translation>
    </message>
</context>
<context>
    <name>wb::ui::AddModelFolderDialog</name>
    <message>
        <location filename="../ui/models/add_model_folder_dialog.cpp" line="+36"/>
        <source>Choose the model folder (the one with config.json).</source>
        <translation>请选择模型文件夹（包含 config.json 的那个）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the folder&apos;s full path, not a relative one: %1</source>
        <translation>请输入文件夹的完整路径，而不是相对路径：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a model id.</source>
        <translation>请输入模型 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model id must not contain spaces: “%1”.</source>
        <translation>模型 ID 不能包含空格：“%1”。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add Model Folder</source>
        <translation>添加模型文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Hugging Face model folder with config.json</source>
        <translation>包含 config.json 的 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model id:</source>
        <translation>模型 ID：</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose a Model Folder</source>
        <translation>选择模型文件夹</translation>
    </message>
</context>
<context>
    <name>wb::ui::AppendRowsDialog</name>
    <message>
        <location filename="../ui/datasets/append_rows_dialog.cpp" line="+29"/>
        <source>Read values that are valid JSON (numbers, lists, objects) as JSON</source>
        <translation>将有效的 JSON 值（数字、列表、对象）按 JSON 读取</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Append Rows to %1</source>
        <translation>向 %1 追加行</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The dataset has no known columns; use the JSONL tab.</source>
        <translation>该数据集没有已知的列；请使用“粘贴 JSONL”选项卡。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off: every value is sent as text, so &quot;42&quot; stays the string &quot;42&quot;.</source>
        <translation>关闭时：每个值都按文本发送，因此 &quot;42&quot; 仍是字符串 &quot;42&quot;。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One row</source>
        <translation>单行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One JSON object per line, or a JSON array of objects</source>
        <translation>每行一个 JSON 对象，或一个由对象组成的 JSON 数组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste JSONL</source>
        <translation>粘贴 JSONL</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Append</source>
        <translation>追加</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Appending…</source>
        <translation>正在追加…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Fill in at least one field.</source>
        <translation>请至少填写一个字段。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The rows were not appended.</source>
        <translation>未能追加这些行。</translation>
    </message>
</context>
<context>
    <name>wb::ui::BenchmarkListModel</name>
    <message>
        <location filename="../ui/eval/benchmark_list_model.cpp" line="+60"/>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scoring functions</source>
        <translation>评分函数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not load the benchmarks.</source>
        <translation>无法加载基准测试。</translation>
    </message>
</context>
<context>
    <name>wb::ui::BenchmarkParams</name>
    <message>
        <location filename="../ui/eval/benchmark_params.cpp" line="+22"/>
        <source>metadata.%1 is not an object; it is ignored.</source>
        <translation>metadata.%1 不是对象，已忽略。</translation>
    </message>
</context>
<context>
    <name>wb::ui::BusyOverlay</name>
    <message>
        <location filename="../ui/common/busy_overlay.cpp" line="+15"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>wb::ui::CheckpointTableModel</name>
    <message>
        <location filename="../ui/training/checkpoint_table_model.cpp" line="+35"/>
        <source>Not registered as a model</source>
        <translation>未注册为模型</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model id</source>
        <translation>模型 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionController</name>
    <message>
        <location filename="../ui/connection/connection_controller.cpp" line="+29"/>
        <source>No answer from %1 within %2 s.</source>
        <translation>%2 秒内没有收到 %1 的应答。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>In-process engine</source>
        <translation>进程内引擎</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The connection profile no longer exists.</source>
        <translation>该连接配置已不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote connections are not available in this build.</source>
        <translation>此版本不支持远程连接。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server reports its health as &quot;%1&quot;.</source>
        <translation>服务器报告其健康状态为“%1”。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Could not connect to %1:
%2

The workbench uses the in-process engine instead.</source>
        <translation>无法连接到 %1：
%2

工作台改用进程内引擎。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not connect to %1:
%2

The workbench stays connected to %3.</source>
        <translation>无法连接到 %1：
%2

工作台保持连接到 %3。</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionMonitor</name>
    <message>
        <location filename="../ui/connection/connection_monitor.cpp" line="+22"/>
        <source>No answer from the server within %1 s.</source>
        <translation>服务器在 %1 秒内没有应答。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The server reports its health as &quot;%1&quot;.</source>
        <translation>服务器报告其健康状态为“%1”。</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionTester</name>
    <message>
        <location filename="../ui/connection/connection_tester.cpp" line="+19"/>
        <source>No answer within %1 s.</source>
        <translation>%1 秒内没有应答。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remote connections are not available in this build.</source>
        <translation>此版本不支持远程连接。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The server answers (version %1) but reports its health as &quot;%2&quot;.</source>
        <translation>服务器有应答（版本 %1），但报告其健康状态为“%2”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OK — version %1</source>
        <translation>正常 — 版本 %1</translation>
    </message>
</context>
<context>
    <name>wb::ui::ConnectionsDialog</name>
    <message>
        <location filename="../ui/connection/connections_dialog.cpp" line="+35"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>system certificates only</source>
        <translation>仅系统证书</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA file:</source>
        <translation>CA 文件：</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 (connected)</source>
        <translation>%1（已连接）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Could not read the token from the keychain: %1</source>
        <translation>无法从钥匙串读取令牌：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Give the connection a name.</source>
        <translation>请为连接命名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The URL must be an http:// or https:// address, e.g. http://127.0.0.1:8321.</source>
        <translation>URL 必须是 http:// 或 https:// 地址，例如 http://127.0.0.1:8321。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The CA file %1 does not exist.</source>
        <translation>CA 文件 %1 不存在。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved, but the token could not be stored: %1</source>
        <translation>已保存，但无法存储令牌：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>New connection</source>
        <translation>新连接</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove connection</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the connection “%1” and its stored token?</source>
        <translation>删除连接“%1”及其存储的令牌？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The token could not be removed from the keychain: %1</source>
        <translation>无法从钥匙串中删除令牌：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>CA certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Tokens are kept in the system keychain, never in the settings file.</source>
        <translation>令牌保存在系统钥匙串中，从不写入设置文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No keychain is in use: tokens are kept for this session only and must be entered again after a restart. They are never written to disk.</source>
        <translation>未使用钥匙串：令牌仅在本次会话中保留，重启后需要重新输入。令牌从不写入磁盘。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No keychain service is available (%1): the token is kept for this session only and must be entered again after a restart. It is never written to disk.</source>
        <translation>没有可用的钥匙串服务（%1）：令牌仅在本次会话中保留，重启后需要重新输入。令牌从不写入磁盘。</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetExporter</name>
    <message>
        <location filename="../ui/datasets/dataset_exporter.cpp" line="+55"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not read rows from %1.</source>
        <translation>无法读取从第 %1 行开始的数据。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not save the file: %1</source>
        <translation>无法保存文件：%1</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetListModel</name>
    <message>
        <location filename="../ui/datasets/dataset_list_model.cpp" line="+48"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 appended rows</source>
        <translation>%1 行为追加的行</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider</source>
        <translation>提供方</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not load the list of datasets.</source>
        <translation>无法加载数据集列表。</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetPicker</name>
    <message>
        <location filename="../ui/training/training_pickers.cpp" line="+21"/>
        <source>dataset id</source>
        <translation>数据集 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Could not load the list of datasets.</source>
        <translation>无法加载数据集列表。</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetRowsModel</name>
    <message>
        <location filename="../ui/datasets/dataset_rows_model.cpp" line="+68"/>
        <source>Could not read the size of the dataset; rows are loaded as you scroll.</source>
        <translation>无法读取数据集的大小；将在滚动时加载行。</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Could not read rows %1–%2.</source>
        <translation>无法读取第 %1–%2 行。</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetText</name>
    <message>
        <location filename="../ui/datasets/dataset_text.cpp" line="+38"/>
        <source>inline rows (%1)</source>
        <translation>内嵌行（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>data: URI</source>
        <translation>data: URI</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 rows stored inline</source>
        <translation>内嵌存储的 %1 行</translation>
    </message>
</context>
<context>
    <name>wb::ui::DatasetsPage</name>
    <message>
        <location filename="../ui/datasets/datasets_page.cpp" line="+87"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Register…</source>
        <translation>注册…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register a dataset from a file, a URL, Hugging Face or pasted rows</source>
        <translation>从文件、URL、Hugging Face 或粘贴的行注册数据集</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Append rows…</source>
        <translation>追加行…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export as CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export as JSONL…</source>
        <translation>导出为 JSONL…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unregister…</source>
        <translation>取消注册…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+143"/>
        <source>Select a dataset to browse its rows.</source>
        <translation>选择一个数据集以浏览其行。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 rows · %2 columns · %3</source>
        <translation>%1 行 · %2 列 · %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The purpose %1 expects the columns %2; this dataset is missing: %3. Evaluation or training with it will fail.</source>
        <translation>用途 %1 需要列 %2；此数据集缺少：%3。使用它进行评估或训练将会失败。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON Lines files (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unregister Dataset</source>
        <translation>取消注册数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unregister the dataset “%1”? Its appended rows are deleted too. The source file or URL is not touched.</source>
        <translation>要取消注册数据集“%1”吗？其追加的行也将被删除。源文件或 URL 不受影响。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unregister</source>
        <translation>取消注册</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not unregister %1.</source>
        <translation>无法取消注册 %1。</translation>
    </message>
</context>
<context>
    <name>wb::ui::ErrorDisplay</name>
    <message>
        <location filename="../ui/common/error_display.cpp" line="+20"/>
        <source>Check the input and try again.</source>
        <translation>请检查输入后重试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It may have been removed; try Refresh.</source>
        <translation>它可能已被删除；请尝试“刷新”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something with this id already exists with different content; choose another id.</source>
        <translation>已存在使用此 ID 但内容不同的项；请选择其他 ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The input is too large.</source>
        <translation>输入过大。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This backend does not support the operation.</source>
        <translation>此后端不支持该操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An upstream source (HTTP or Hugging Face) failed; check the address and the network.</source>
        <translation>上游来源（HTTP 或 Hugging Face）出错；请检查地址和网络。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An upstream source did not answer in time; try again later.</source>
        <translation>上游来源未及时响应；请稍后重试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Llama Stack Workbench</source>
        <translation>Llama Stack 工作台</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalCompareModel</name>
    <message>
        <location filename="../ui/eval/results/eval_compare.cpp" line="+82"/>
        <source>regression</source>
        <translation>退步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>improvement</source>
        <translation>改进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both pass</source>
        <translation>均通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both fail</source>
        <translation>均未通过</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>期望答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Result (%1)</source>
        <translation>结果（%1）</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Scores (%1)</source>
        <translation>评分（%1）</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Generated (%1)</source>
        <translation>生成内容（%1）</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalJobListModel</name>
    <message>
        <location filename="../ui/eval/eval_job_list_model.cpp" line="+60"/>
        <source>Job %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main metric</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Could not load the runs of %1.</source>
        <translation>无法加载 %1 的运行记录。</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalJobPoller</name>
    <message>
        <location filename="../ui/eval/eval_job_poller.cpp" line="+73"/>
        <source>Could not follow run %1.</source>
        <translation>无法跟踪运行 %1。</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalPage</name>
    <message>
        <location filename="../ui/eval/eval_page.cpp" line="+128"/>
        <source>Register…</source>
        <translation>注册…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register a benchmark: a dataset and the scoring functions to grade it with</source>
        <translation>注册基准测试：一个数据集以及用于评分的评分函数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New judge function…</source>
        <translation>新建评判函数…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register an LLM-as-judge scoring function of your own</source>
        <translation>注册自定义的 LLM-as-judge 评分函数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected benchmark (its runs stay listed)</source>
        <translation>删除所选基准测试（其运行记录仍保留在列表中）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete run…</source>
        <translation>删除运行…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+338"/>
        <source>Delete the selected run and its results</source>
        <translation>删除所选运行及其结果</translation>
    </message>
    <message>
        <location line="-335"/>
        <source>Refresh runs</source>
        <translation>刷新运行记录</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a background run of the benchmark with this setup</source>
        <translation>使用此配置在后台运行该基准测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the run; the rows evaluated so far are kept</source>
        <translation>停止运行；已评估的行将被保留</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not load the scoring functions.</source>
        <translation>无法加载评分函数。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;dataset %2 · %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;数据集 %2 · %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No benchmark registered yet: use Register…</source>
        <translation>尚未注册基准测试：请使用“注册…”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a benchmark.</source>
        <translation>请选择一个基准测试。</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>No run in progress.</source>
        <translation>没有正在进行的运行。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%v of %m rows</source>
        <translation>%v / %m 行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run %1 on %2: %3, %4 rows</source>
        <translation>运行 %1（%2）：%3，%4 行</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cancel the run before deleting it</source>
        <translation>请先取消运行再删除</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The run did not start.</source>
        <translation>运行未能启动。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelling run %1…</source>
        <translation>正在取消运行 %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not cancel run %1.</source>
        <translation>无法取消运行 %1。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Remove Benchmark</source>
        <translation>删除基准测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the benchmark “%1”? Its running jobs are cancelled; finished runs and the dataset stay.</source>
        <translation>要删除基准测试“%1”吗？其正在运行的任务将被取消；已完成的运行和数据集会保留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete Run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete run %1 (%2, %3) and all its scored rows?</source>
        <translation>要删除运行 %1（%2，%3）及其所有已评分的行吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not delete run %1.</source>
        <translation>无法删除运行 %1。</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalResultsExport</name>
    <message>
        <location filename="../ui/eval/results/eval_results_export.cpp" line="+109"/>
        <location line="+5"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalResultsText</name>
    <message>
        <location filename="../ui/eval/results/eval_results_text.cpp" line="+86"/>
        <source>no aggregation</source>
        <translation>无聚合</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 of %2 rows done</source>
        <translation>已完成 %1 / %2 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows done</source>
        <translation>已完成 %1 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 failed</source>
        <translation>，%1 行失败</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalResultsView</name>
    <message>
        <location filename="../ui/eval/results/eval_results_view.cpp" line="+113"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failures</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Passes</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search input, expected, generated</source>
        <translation>搜索输入、期望答案、生成内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+112"/>
        <source>No comparison</source>
        <translation>不比较</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Compare row by row with another run of the same benchmark</source>
        <translation>与同一基准测试的另一次运行逐行比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All pairs</source>
        <translation>所有配对</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regressions</source>
        <translation>退步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Improvements</source>
        <translation>改进</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Both pass</source>
        <translation>均通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Both fail</source>
        <translation>均未通过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All rows as CSV…</source>
        <translation>所有行导出为 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All rows as JSON…</source>
        <translation>所有行导出为 JSON…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown rows as CSV…</source>
        <translation>显示的行导出为 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown rows as JSON…</source>
        <translation>显示的行导出为 JSON…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare with:</source>
        <translation>比较对象：</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Loading the rows of %1…</source>
        <translation>正在加载 %1 的行…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>exact binomial test</source>
        <translation>精确二项检验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chi-square with continuity correction, χ² = %1</source>
        <translation>带连续性校正的卡方检验，χ² = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2: %3 regressions, %4 improvements, %5 both pass, %6 both fail</source>
        <translation>%1 → %2：%3 个退步，%4 个改进，%5 个均通过，%6 个均未通过</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (%1 rows without a pair)</source>
        <translation> （%1 行无配对）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>McNemar&apos;s test: p = %1 (%2)</source>
        <translation>McNemar 检验：p = %1（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still loading rows; the comparison updates as they arrive.</source>
        <translation>仍在加载行；比较结果会随加载进度更新。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No run selected.</source>
        <translation>未选择运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1 of %2: %3</source>
        <translation>%2 的运行 %1：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No aggregate metrics.</source>
        <translation>没有聚合指标。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metrics appear when the run ends.</source>
        <translation>运行结束后将显示指标。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All (%1)</source>
        <translation>全部（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failures (%1)</source>
        <translation>未通过（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passes (%1)</source>
        <translation>通过（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors (%1)</source>
        <translation>错误（%1）</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting %1 rows…</source>
        <translation>正在导出 %1 行…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1 rows to %2.</source>
        <translation>已将 %1 行导出到 %2。</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalRowDetail</name>
    <message>
        <location filename="../ui/eval/results/eval_row_detail.cpp" line="+49"/>
        <source>Row %1 · %2</source>
        <translation>第 %1 行 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>期望答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated</source>
        <translation>生成内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extracted answer</source>
        <translation>提取的答案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Judge feedback</source>
        <translation>评判反馈</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Input row</source>
        <translation>输入行</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select a row to see its input, answers and scores.</source>
        <translation>选择一行以查看其输入、答案和评分。</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalRowsModel</name>
    <message>
        <location filename="../ui/eval/results/eval_rows_model.cpp" line="+34"/>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Could not read the rows of job %1.</source>
        <translation>无法读取任务 %1 的行。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not read the status of job %1.</source>
        <translation>无法读取任务 %1 的状态。</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>期望答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated</source>
        <translation>生成内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extracted answer</source>
        <translation>提取的答案</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Judge feedback</source>
        <translation>评判反馈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>wb::ui::EvalText</name>
    <message>
        <location filename="../ui/eval/eval_text.cpp" line="+43"/>
        <source>scheduled</source>
        <translation>已排队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
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
            <numerusform> · %n 行失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wb::ui::JudgeFunctionDialog</name>
    <message>
        <location filename="../ui/eval/judge_function_dialog.cpp" line="+31"/>
        <source>New LLM-as-Judge Function</source>
        <translation>新建 LLM-as-Judge 函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. my-judge::helpfulness</source>
        <translation>例如 my-judge::helpfulness</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>what the judge grades</source>
        <translation>评判的内容</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Function id:</source>
        <translation>函数 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Enter an id for the function.</source>
        <translation>请输入函数的 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The function id must not contain spaces.</source>
        <translation>函数 ID 不能包含空格。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The scoring function was not registered.</source>
        <translation>未能注册该评分函数。</translation>
    </message>
</context>
<context>
    <name>wb::ui::KeychainTokenStore</name>
    <message>
        <location filename="../ui/connection/keychain_token_store.cpp" line="+69"/>
        <location line="+54"/>
        <source>the keychain did not answer within %1 s</source>
        <translation>钥匙串在 %1 秒内没有应答</translation>
    </message>
</context>
<context>
    <name>wb::ui::LanguageDialog</name>
    <message>
        <location filename="../ui/shell/language_dialog.cpp" line="+19"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System default (%1)</source>
        <translation>系统默认（%1）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The new language takes effect the next time the workbench starts.</source>
        <translation>新语言将在下次启动工作台时生效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
</context>
<context>
    <name>wb::ui::LossChart</name>
    <message>
        <location filename="../ui/training/loss_chart.cpp" line="+32"/>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Throughput (tokens/s)</source>
        <translation>吞吐量（tokens/s）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exponential moving average of the loss (0: off)</source>
        <translation>损失的指数移动平均（0：关闭）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loss on a logarithmic axis (values ≤ 0 are left out)</source>
        <translation>在对数坐标轴上显示损失（省略 ≤ 0 的值）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show every step again (also: double-click a chart)</source>
        <translation>重新显示所有步（也可双击图表）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Charts as PNG…</source>
        <translation>图表导出为 PNG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charts as SVG…</source>
        <translation>图表导出为 SVG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metrics as CSV (every step)…</source>
        <translation>指标导出为 CSV（每一步）…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the charts as PNG or SVG, or every step&apos;s metrics as CSV</source>
        <translation>将图表保存为 PNG 或 SVG，或将每一步的指标保存为 CSV</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Could not write the image %1.</source>
        <translation>无法写入图像 %1。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training metrics</source>
        <translation>训练指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Could not write the drawing %1.</source>
        <translation>无法写入矢量图 %1。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export training metrics</source>
        <translation>导出训练指标</translation>
    </message>
</context>
<context>
    <name>wb::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="+29"/>
        <source>Llama Stack Workbench</source>
        <translation>Llama Stack 工作台</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Connected: %1</source>
        <translation>已连接：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected: %1 (%2)</source>
        <translation>已连接：%1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection lost — retrying… %1 (%2): %3</source>
        <translation>连接中断 — 正在重试… %1 (%2)：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Manage connections…</source>
        <translation>管理连接(&amp;M)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language…</source>
        <translation>语言(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About Llama Stack Workbench</source>
        <translation>关于 Llama Stack 工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Llama Stack Workbench %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for the Llama Stack experimental APIs: datasets, evaluation, rerank and post-training.&lt;/p&gt;&lt;p&gt;Connected: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Llama Stack 工作台 %1&lt;/h3&gt;&lt;p&gt;用于 Llama Stack 实验性 API 的桌面工作台：数据集、评估、重排序和后训练。&lt;/p&gt;&lt;p&gt;已连接：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/workbench.cpp" line="+20"/>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Benchmarks &amp; Eval</source>
        <translation>基准测试 &amp; 评估</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rerank</source>
        <translation>重排序</translation>
    </message>
</context>
<context>
    <name>wb::ui::MetricChart</name>
    <message>
        <location filename="../ui/training/metric_chart.cpp" line="+30"/>
        <source>Wheel: zoom · drag: pan · right-drag or Shift+drag: zoom to a box · double-click: reset</source>
        <translation>滚轮：缩放 · 拖动：平移 · 右键拖动或 Shift+拖动：框选缩放 · 双击：重置</translation>
    </message>
    <message>
        <location line="+293"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>smoothed</source>
        <translation>平滑值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>smoothed: %1</source>
        <translation>平滑值：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>marker</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>wb::ui::MetricsCsv</name>
    <message>
        <location filename="../ui/training/metrics_csv.cpp" line="+56"/>
        <location line="+3"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelDetailView</name>
    <message>
        <location filename="../ui/models/model_detail_view.cpp" line="+36"/>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No model selected.</source>
        <translation>未选择模型。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This model cannot be used: %1</source>
        <translation>此模型无法使用：%1</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelInfo</name>
    <message>
        <location filename="../ui/models/model_info.cpp" line="+128"/>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>remote</source>
        <translation>远程</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HF cache</source>
        <translation>HF 缓存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(set, hidden)</source>
        <translation>（已设置，已隐藏）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelListModel</name>
    <message>
        <location filename="../ui/models/model_list_model.cpp" line="+64"/>
        <source>This model cannot be used: %1</source>
        <translation>此模型无法使用：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, model “%2”</source>
        <translation>%1，模型“%2”</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider</source>
        <translation>提供方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not load the list of models.</source>
        <translation>无法加载模型列表。</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelPicker</name>
    <message>
        <location filename="../ui/eval/model_picker.cpp" line="+23"/>
        <source>model id</source>
        <translation>模型 ID</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not load the list of models.</source>
        <translation>无法加载模型列表。</translation>
    </message>
</context>
<context>
    <name>wb::ui::ModelsPage</name>
    <message>
        <location filename="../ui/models/models_page.cpp" line="+108"/>
        <source>Add model folder…</source>
        <translation>添加模型文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a Hugging Face model folder (config.json, model.safetensors, tokenizer.json)</source>
        <translation>添加 Hugging Face 模型文件夹（config.json、model.safetensors、tokenizer.json）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add OpenAI-compatible endpoint…</source>
        <translation>添加 OpenAI 兼容端点…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A model served by llama.cpp, vLLM, Ollama or another Llama Stack server</source>
        <translation>由 llama.cpp、vLLM、Ollama 或其他 Llama Stack 服务器提供的模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Remove the selected model from the list (its files are not touched)</source>
        <translation>从列表中删除所选模型（其文件不受影响）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found models cannot be removed here; remove or move their folder</source>
        <translation>自动发现的模型无法在此删除；请删除或移动其文件夹</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Remove the model “%1” from the list? The folder %2 is not touched.</source>
        <translation>要从列表中删除模型“%1”吗？文件夹 %2 不受影响。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the endpoint model “%1” (%2)? Its API key is forgotten.</source>
        <translation>要删除端点模型“%1”（%2）吗？其 API 密钥将被清除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
</context>
<context>
    <name>wb::ui::PromptPanel</name>
    <message>
        <location filename="../ui/models/prompt_panel.cpp" line="+32"/>
        <source>System prompt:</source>
        <translation>系统提示词：</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+30"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completion (raw text)</source>
        <translation>补全（原始文本）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat applies the model&apos;s chat template to the messages; completion continues the text as it is.</source>
        <translation>聊天会将模型的聊天模板应用于消息；补全则按原样续写文本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional, e.g. You are a concise assistant.</source>
        <translation>可选，例如：你是一个简洁的助手。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The answer appears here as it is generated.</source>
        <translation>回答会在生成时显示在这里。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+274"/>
        <source>Run (Ctrl+Enter)</source>
        <translation>运行（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="-208"/>
        <source>The most tokens to generate (the model&apos;s context also limits it).</source>
        <translation>最多生成的 token 数（也受模型上下文长度限制）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>0 picks the most likely token every time (greedy).</source>
        <translation>0 表示每次都选择可能性最大的 token（贪心）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sample from the smallest set of tokens whose probabilities add up to this.</source>
        <translation>从累计概率达到此值的最小 token 集合中采样。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample from the k most likely tokens only; off: all of them.</source>
        <translation>仅从可能性最大的 k 个 token 中采样；关闭：从所有 token 中采样。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same seed, prompt and settings give the same answer.</source>
        <translation>相同的种子、提示词和设置会得到相同的回答。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select a model in the list to try it.</source>
        <translation>在列表中选择一个模型以试用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>模型：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>User message:</source>
        <translation>用户消息：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prompt (raw text):</source>
        <translation>提示词（原始文本）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask something… (Ctrl+Enter runs)</source>
        <translation>问点什么…（Ctrl+Enter 运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text for the model to continue… (Ctrl+Enter runs)</source>
        <translation>供模型续写的文本…（Ctrl+Enter 运行）</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+99"/>
        <source>Select a model in the list first.</source>
        <translation>请先在列表中选择一个模型。</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>The model %1 is not a language model (type %2).</source>
        <translation>模型 %1 不是语言模型（类型 %2）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model %1 cannot be used: %2</source>
        <translation>模型 %1 无法使用：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter a message.</source>
        <translation>请输入消息。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter a prompt.</source>
        <translation>请输入提示词。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>finished (max tokens reached)</source>
        <translation>已完成（达到最大 token 数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 token</source>
        <translation>1 个 token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tokens/s</source>
        <translation>%1 tokens/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only language models (llm) can run here.</source>
        <translation>此处只能运行语言模型（llm）。</translation>
    </message>
</context>
<context>
    <name>wb::ui::PromptTemplate</name>
    <message>
        <location filename="../ui/eval/prompt_template_check.cpp" line="+22"/>
        <source>The prompt template is empty.</source>
        <translation>提示词模板为空。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A single “}” at position %1: write “}}” for a literal brace.</source>
        <translation>位置 %1 处有单个“}”：如需字面量花括号，请写“}}”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A “{” at position %1 is never closed: write “{{” for a literal brace.</source>
        <translation>位置 %1 处的“{”未闭合：如需字面量花括号，请写“{{”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown placeholder {%1}; use %2.</source>
        <translation>未知占位符 {%1}；请使用 %2。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegexListEditor</name>
    <message>
        <location filename="../ui/eval/regex_list_editor.cpp" line="+16"/>
        <source>%1 at position %2</source>
        <translation>%1（位置 %2）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>one regular expression per line</source>
        <translation>每行一个正则表达式</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegisterBenchmarkDialog</name>
    <message>
        <location filename="../ui/eval/register_benchmark_dialog.cpp" line="+45"/>
        <source>Use parameters of its own in this benchmark</source>
        <translation>在此基准测试中使用其自身的参数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Register Benchmark</source>
        <translation>注册基准测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. my-qa-benchmark</source>
        <translation>例如 my-qa-benchmark</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New judge function…</source>
        <translation>新建评判函数…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register an LLM-as-judge scoring function of your own</source>
        <translation>注册自定义的 LLM-as-judge 评分函数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a scoring function to see its parameters.</source>
        <translation>选择一个评分函数以查看其参数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>optional JSON object, e.g. {&quot;description&quot;: &quot;capital cities&quot;}</source>
        <translation>可选的 JSON 对象，例如 {&quot;description&quot;: &quot;各国首都&quot;}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Benchmark id:</source>
        <translation>基准测试 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scoring functions:</source>
        <translation>评分函数：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Metadata:</source>
        <translation>元数据：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not load the datasets.</source>
        <translation>无法加载数据集。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not load the scoring functions.</source>
        <translation>无法加载评分函数。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>(no description)</source>
        <translation>（无描述）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters of %1</source>
        <translation>%1 的参数</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Enter an id for the benchmark.</source>
        <translation>请输入基准测试的 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The benchmark id must not contain spaces.</source>
        <translation>基准测试 ID 不能包含空格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no dataset to evaluate on: register one on the Datasets page.</source>
        <translation>没有可用于评估的数据集：请在“数据集”页面注册一个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a dataset.</source>
        <translation>请选择一个数据集。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check at least one scoring function.</source>
        <translation>请至少勾选一个评分函数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Metadata: %1</source>
        <translation>元数据：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The benchmark was not registered.</source>
        <translation>未能注册该基准测试。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegisterDatasetDialog</name>
    <message>
        <location filename="../ui/datasets/register_dataset_dialog.cpp" line="+53"/>
        <source>Register Dataset</source>
        <translation>注册数据集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local file</source>
        <translation>本地文件</translation>
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
        <translation>粘贴的行</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>optional; generated when empty</source>
        <translation>可选；留空时自动生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>optional JSON object, e.g. {&quot;license&quot;: &quot;cc-by-4.0&quot;}</source>
        <translation>可选的 JSON 对象，例如 {&quot;license&quot;: &quot;cc-by-4.0&quot;}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purpose:</source>
        <translation>用途：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset id:</source>
        <translation>数据集 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata:</source>
        <translation>元数据：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CSV, TSV, JSONL, JSON or XLSX file</source>
        <translation>CSV、TSV、JSONL、JSON 或 XLSX 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>URL (http, https, file or data:):</source>
        <translation>URL（http、https、file 或 data:）：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split:</source>
        <translation>拆分：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Config:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A JSON array of objects, or one JSON object per line (JSONL)</source>
        <translation>由对象组成的 JSON 数组，或每行一个 JSON 对象（JSONL）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose a Dataset File</source>
        <translation>选择数据集文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data files (*.csv *.tsv *.jsonl *.json *.xlsx);;All files (*)</source>
        <translation>数据文件 (*.csv *.tsv *.jsonl *.json *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 rows ready.</source>
        <translation>已准备 %1 行。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a file.</source>
        <translation>请选择一个文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter a URL that starts with http://, https://, file:// or data:.</source>
        <translation>请输入以 http://、https://、file:// 或 data: 开头的 URL。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter a Hugging Face dataset id such as org/name.</source>
        <translation>请输入 Hugging Face 数据集 ID，例如 org/name。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Metadata: %1</source>
        <translation>元数据：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The dataset was not registered.</source>
        <translation>未能注册该数据集。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RegisterModelDialog</name>
    <message>
        <location filename="../ui/models/register_model_dialog.cpp" line="+31"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adding the model…</source>
        <translation>正在添加模型…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The model was not added.</source>
        <translation>未能添加该模型。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankBatchPanel</name>
    <message>
        <location filename="../ui/rerank/rerank_batch_panel.cpp" line="+65"/>
        <source>Run batch</source>
        <translation>运行批量重排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional. Either one number per candidate (graded relevance, 0 = not relevant) or the indices of the relevant candidates.</source>
        <translation>可选。每个候选项一个数字（分级相关度，0 = 不相关），或相关候选项的索引。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grades</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indices</source>
        <translation>索引</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto reads the labels as grades only when every row has one label per candidate, else as the indices of the relevant candidates (decided once for the whole dataset).</source>
        <translation>“自动”仅在每一行的每个候选项都有一个标签时才将标签视为等级，否则视为相关候选项的索引（对整个数据集只判断一次）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A list of strings or text parts (or a JSON string holding one).</source>
        <translation>由字符串或文本片段组成的列表（或包含此类列表的 JSON 字符串）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>NDCG is computed over the top k of each ranking.</source>
        <translation>NDCG 基于每个排序结果的前 k 项计算。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query column</source>
        <translation>查询列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Candidates column</source>
        <translation>候选项列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels are</source>
        <translation>标签为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k (NDCG@k)</source>
        <translation>k (NDCG@k)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 of %2 rows</source>
        <translation>%1 / %2 行</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+7"/>
        <source>Export batch results</source>
        <translation>导出批量结果</translation>
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
        <translation>无法导出批量结果。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Choose a rerank model.</source>
        <translation>请选择一个重排序模型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a dataset.</source>
        <translation>请选择一个数据集。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name the query column.</source>
        <translation>请指定查询列。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name the candidates column.</source>
        <translation>请指定候选项列。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Labels</source>
        <translation>标签</translation>
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
        <translation>问题</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>graded</source>
        <translation>分级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>indices</source>
        <translation>索引</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelled after %1 of %2 rows.</source>
        <translation>已在 %2 行中的第 %1 行后取消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows reranked.</source>
        <translation>已重排序 %1 行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: mean NDCG@%2 %3, mean MRR %4 over %5 labelled rows.</source>
        <translation>%1：基于 %5 个带标签的行，平均 NDCG@%2 为 %3，平均 MRR 为 %4。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No labels column: rankings only, no metrics.</source>
        <translation>没有标签列：仅显示排序结果，不计算指标。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Labels read as graded relevance (detected: every row has one label per candidate).</source>
        <translation>标签按分级相关度读取（检测到：每一行的每个候选项都有一个标签）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels read as graded relevance (as chosen).</source>
        <translation>标签按分级相关度读取（按所选）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labels read as relevant indices (detected: not every row has one label per candidate).</source>
        <translation>标签按相关候选项的索引读取（检测到：并非每一行的每个候选项都有一个标签）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels read as relevant indices (as chosen).</source>
        <translation>标签按相关候选项的索引读取（按所选）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NDCG gain (2^rel − 1) / log2(rank + 1); MRR counts relevance &gt; 0. Equal scores count as the expected value over their orders (tie-aware).</source>
        <translation>NDCG 增益 (2^rel − 1) / log2(排名 + 1)；MRR 计入相关度 &gt; 0 的项。相同分数按其所有排列顺序的期望值计算（考虑并列）。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankBatchRunner</name>
    <message>
        <location filename="../ui/rerank/rerank_batch.cpp" line="+59"/>
        <source>Could not read the rows of %1.</source>
        <translation>无法读取 %1 的行。</translation>
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
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Query (Enter runs)</source>
        <translation>查询（Enter 运行）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One item per row; typing into the empty last row adds one.</source>
        <translation>每行一个条目；在最后的空行中输入即可添加新条目。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[&quot;first item&quot;, &quot;second item&quot;]</source>
        <translation>[&quot;第一个条目&quot;, &quot;第二个条目&quot;]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A JSON array of strings or text parts ({&quot;type&quot;: &quot;text&quot;, &quot;text&quot;: ...}).</source>
        <translation>由字符串或文本片段（{&quot;type&quot;: &quot;text&quot;, &quot;text&quot;: ...}）组成的 JSON 数组。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit the items as a JSON array (the table and the JSON stay in sync).</source>
        <translation>以 JSON 数组形式编辑条目（表格与 JSON 保持同步）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the clipboard&apos;s items: a JSON array, or one item per non-empty line.</source>
        <translation>添加剪贴板中的条目：一个 JSON 数组，或每个非空行一个条目。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every item.</source>
        <translation>删除所有条目。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Fix the JSON before pasting: %1</source>
        <translation>请先修正 JSON 再粘贴：%1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The JSON stays open until it is a valid array: %1</source>
        <translation>在 JSON 成为有效数组之前，它将保持打开：%1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Items must be a JSON array of strings or text parts.</source>
        <translation>条目必须是由字符串或文本片段组成的 JSON 数组。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Item %1 is an image: images are not supported here.</source>
        <translation>第 %1 个条目是图像：此处不支持图像。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item %1 is neither a string nor a text part.</source>
        <translation>第 %1 个条目既不是字符串也不是文本片段。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Remove this item</source>
        <translation>删除此条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove item</source>
        <translation>删除条目</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankPage</name>
    <message>
        <location filename="../ui/rerank/rerank_page.cpp" line="+64"/>
        <source>Compare with</source>
        <translation>比较对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rerank</source>
        <translation>重排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A rerank model: bm25, llm-rerank/&lt;model&gt;, embedding-rerank/&lt;model&gt; or a registered one.</source>
        <translation>重排序模型：bm25、llm-rerank/&lt;model&gt;、embedding-rerank/&lt;model&gt; 或已注册的模型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rank the same items with a second model and show both side by side.</source>
        <translation>使用第二个模型对相同条目排序，并将两者并排显示。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_num_results: how many of the best items to return (all by default).</source>
        <translation>max_num_results：返回多少个最佳条目（默认全部）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+237"/>
        <source>Rerank the items (Enter in the query, or Ctrl+Enter)</source>
        <translation>对条目重排序（在查询中按 Enter，或按 Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="-231"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter a query and the items to rank, then Rerank.</source>
        <translation>请输入查询和要排序的条目，然后点击“重排序”。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reranking…</source>
        <translation>正在重排序…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Single query</source>
        <translation>单个查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch over a dataset</source>
        <translation>在数据集上批量运行</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+7"/>
        <source>Export rerank results</source>
        <translation>导出重排序结果</translation>
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
        <translation>无法导出结果。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Choose a rerank model.</source>
        <translation>请选择一个重排序模型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the model to compare with, or untick &quot;Compare with&quot;.</source>
        <translation>请选择用于比较的模型，或取消勾选“比较对象”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a query.</source>
        <translation>请输入查询。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add at least one item to rank.</source>
        <translation>请至少添加一个要排序的条目。</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Reranking %n item(s)…</source>
        <translation>
            <numerusform>正在对 %n 个条目重排序…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not rerank with %1.</source>
        <translation>无法使用 %1 进行重排序。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Run the batch over the dataset (Ctrl+Enter)</source>
        <translation>对数据集运行批量重排序（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No results.</source>
        <translation>没有结果。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No new results: the table shows the last run&apos;s.</source>
        <translation>没有新结果：表格显示的是上一次运行的结果。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1: the bar shows the raw score (in [0, 1]).</source>
        <translation>%1：分数条显示原始分数（位于 [0, 1] 内）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the bar shows sigmoid(raw); the raw scores are outside [0, 1].</source>
        <translation>%1：分数条显示 sigmoid(raw)；原始分数超出 [0, 1]。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 score: %2</source>
        <translation>%1 的分数：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2 items ranked.</source>
        <translation>已排序 %2 个条目中的 %1 个。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankResultsModel</name>
    <message>
        <location filename="../ui/rerank/rerank_results_model.cpp" line="+89"/>
        <source>Item %1 of the input</source>
        <translation>输入中的第 %1 个条目</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Input position %1, ranked %2</source>
        <translation>输入位置 %1，排名第 %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The bar shows the %1</source>
        <translation>分数条显示：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 ranks this item %2</source>
        <translation>%1 将此条目排在第 %2 位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 did not rank this item</source>
        <translation>%1 未对此条目排序</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Δ input</source>
        <translation>Δ 输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bar: %1</source>
        <translation>分数条：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Δ other</source>
        <translation>Δ 另一模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ %1</source>
        <translation>Δ %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Places moved against the input order: ▲ up, ▼ down, = kept</source>
        <translation>相对输入顺序移动的名次：▲ 上升，▼ 下降，= 不变</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The bar shows the raw score (it is already in [0, 1])</source>
        <translation>分数条显示原始分数（它已位于 [0, 1] 内）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bar shows sigmoid(raw): the raw scores are not in [0, 1]</source>
        <translation>分数条显示 sigmoid(raw)：原始分数不在 [0, 1] 内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The score the model answered, unchanged</source>
        <translation>模型返回的分数，未经变换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 / (1 + e^−raw): comparable with logit-scoring models</source>
        <translation>1 / (1 + e^−raw)：可与输出 logit 分数的模型比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Places this model ranks the item above (▲) or below (▼) %1</source>
        <translation>此模型将该条目排在%1之上（▲）或之下（▼）的名次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the other model</source>
        <translation>另一个模型</translation>
    </message>
</context>
<context>
    <name>wb::ui::RerankScores</name>
    <message>
        <location filename="../ui/rerank/rerank_scores.cpp" line="+38"/>
        <source>raw score</source>
        <translation>原始分数</translation>
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
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading row %1…</source>
        <translation>正在加载第 %1 行…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a row to see its fields.</source>
        <translation>选择一行以查看其字段。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RowsTextParser</name>
    <message>
        <location filename="../ui/datasets/rows_text_parser.cpp" line="+47"/>
        <source>Line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Item %1 of the array is not a JSON object.</source>
        <translation>数组的第 %1 项不是 JSON 对象。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>expected a JSON object like {&quot;column&quot;: &quot;value&quot;}</source>
        <translation>应为 JSON 对象，例如 {&quot;column&quot;: &quot;value&quot;}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No rows: paste a JSON array of objects or one JSON object per line.</source>
        <translation>没有行：请粘贴由对象组成的 JSON 数组，或每行一个 JSON 对象。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The array is empty.</source>
        <translation>数组为空。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Expected a JSON object like {&quot;key&quot;: &quot;value&quot;}.</source>
        <translation>应为 JSON 对象，例如 {&quot;key&quot;: &quot;value&quot;}。</translation>
    </message>
</context>
<context>
    <name>wb::ui::RunSetupPanel</name>
    <message>
        <location filename="../ui/eval/run_setup_panel.cpp" line="+59"/>
        <source>Override scoring parameters for this run</source>
        <translation>为本次运行覆盖评分参数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The model that answers the benchmark&apos;s questions</source>
        <translation>回答基准测试问题的模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top-p (nucleus)</source>
        <translation>top-p（核采样）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>model default</source>
        <translation>模型默认值</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optional; one per line, \n for a newline</source>
        <translation>可选；每行一个，\n 表示换行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional system message</source>
        <translation>可选的系统消息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all rows</source>
        <translation>所有行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluate the first N rows of the dataset; &quot;all rows&quot; evaluates every row</source>
        <translation>评估数据集的前 N 行；“所有行”表示评估每一行</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Candidate model:</source>
        <translation>候选模型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strategy:</source>
        <translation>策略：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repetition penalty:</source>
        <translation>重复惩罚：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop strings:</source>
        <translation>停止字符串：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System message:</source>
        <translation>系统消息：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Examples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The benchmark sets its own parameters for %1.</source>
        <translation>该基准测试为 %1 设置了自己的参数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some of the benchmark&apos;s parameters cannot be read: %1</source>
        <translation>无法读取该基准测试的部分参数：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The scoring function %1 is not listed; its defaults are unknown here.</source>
        <translation>评分函数 %1 未列出；此处无法得知其默认值。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a benchmark.</source>
        <translation>请选择一个基准测试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a candidate model.</source>
        <translation>请选择一个候选模型。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>wb::ui::ScoringParamsEditor</name>
    <message>
        <location filename="../ui/eval/scoring_params_editor.cpp" line="+44"/>
        <source>basic: no parameters but the aggregations; regex_parser: regexes that extract the answer; llm_as_judge: a model grades each answer</source>
        <translation>basic：除聚合方式外没有参数；regex_parser：用正则表达式提取答案；llm_as_judge：由模型为每个答案评分</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aggregations:</source>
        <translation>聚合方式：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>one regular expression per line; the first group is the answer</source>
        <translation>每行一个正则表达式；第一个捕获组即为答案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parsing regexes:</source>
        <translation>解析正则表达式：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Question: {input_query}
Gold answer: {expected_answer}
Answer: {generated_answer}
Score the answer from 0 to 5. Score:</source>
        <translation>问题：{input_query}
标准答案：{expected_answer}
回答：{generated_answer}
请为该回答打分（0 到 5 分）。分数：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Placeholders: %1. Write {{ and }} for literal braces.</source>
        <translation>占位符：%1。如需字面量花括号，请写 {{ 和 }}。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>e.g. Score: (\d+)</source>
        <translation>例如 Score: (\d+)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Judge model:</source>
        <translation>评判模型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompt template:</source>
        <translation>提示词模板：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Judge score regexes:</source>
        <translation>评判分数正则表达式：</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Parsing regexes: %1</source>
        <translation>解析正则表达式：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parsing regexes: enter at least one regular expression.</source>
        <translation>解析正则表达式：请至少输入一个正则表达式。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a judge model.</source>
        <translation>请选择一个评判模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prompt template: %1</source>
        <translation>提示词模板：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Judge score regexes: %1</source>
        <translation>评判分数正则表达式：%1</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingForm</name>
    <message>
        <location filename="../ui/training/training_form.cpp" line="+128"/>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervised fine-tuning (SFT)</source>
        <translation>监督微调（SFT）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preference optimization (DPO)</source>
        <translation>偏好优化（DPO）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The job&apos;s id (job_uuid); it must not be used by another job</source>
        <translation>任务的 ID（job_uuid）；不得与其他任务重复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make a new unique job id</source>
        <translation>生成新的唯一任务 ID</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>local model id</source>
        <translation>本地模型 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A local model to start from; fine-tuned checkpoints are registered as new models</source>
        <translation>作为起点的本地模型；微调得到的检查点会注册为新模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>default: the engine&apos;s checkpoints folder</source>
        <translation>默认：引擎的检查点文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+260"/>
        <source>Where the checkpoints are written (checkpoint_dir); empty for the default</source>
        <translation>检查点的写入位置（checkpoint_dir）；留空则使用默认位置</translation>
    </message>
    <message>
        <location line="-258"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+14"/>
        <source>Checkpoint folder</source>
        <translation>检查点文件夹</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job id</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full fine-tuning</source>
        <translation>全量微调</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LoRA (low-rank adapters)</source>
        <translation>LoRA（低秩适配器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QAT (quantization-aware training)</source>
        <translation>QAT（量化感知训练）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every weight of the model is trained.</source>
        <translation>训练模型的全部权重。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rank r of the adapters</source>
        <translation>适配器的秩 r</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scale: the adapters&apos; update is multiplied by alpha / rank</source>
        <translation>缩放：适配器的更新量乘以 alpha / 秩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query projection</source>
        <translation>Query 投影</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key projection</source>
        <translation>Key 投影</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value projection</source>
        <translation>Value 投影</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output projection of attention</source>
        <translation>注意力的输出投影</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adapters on the MLP (gate, up, down)</source>
        <translation>MLP 上的适配器（gate、up、down）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>An adapter on the LM head</source>
        <translation>LM head 上的适配器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DoRA</source>
        <translation>DoRA</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight-decomposed adapters (use_dora)</source>
        <translation>权重分解适配器（use_dora）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantize base</source>
        <translation>量化基础模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the frozen base weights in int8 (weight-only) to save memory</source>
        <translation>以 int8（仅权重）保存冻结的基础权重以节省内存</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rank</source>
        <translation>秩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also</source>
        <translation>附加</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>int8 dynamic activations + int4 grouped weights, or int4 weights only</source>
        <translation>int8 动态激活 + int4 分组权重，或仅 int4 权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weights share one scale per group of this many inputs; it must divide the layers&apos; input size</source>
        <translation>每组这么多个输入的权重共享一个缩放因子；该值必须能整除各层的输入大小</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quantizer</source>
        <translation>量化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group size</source>
        <translation>分组大小</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preference optimization</source>
        <translation>偏好优化</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How far the model may move from the reference model (larger: less)</source>
        <translation>模型可偏离参考模型的程度（越大：偏离越少）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sigmoid (DPO)</source>
        <translation>sigmoid（DPO）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hinge (SLiC)</source>
        <translation>hinge（SLiC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IPO</source>
        <translation>IPO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KTO pair</source>
        <translation>KTO 成对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rows need prompt, chosen and rejected; the model is trained against a frozen copy of itself.</source>
        <translation>每行需要 prompt、chosen 和 rejected；模型以其自身的冻结副本为参照进行训练。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>instruct (question → answer)</source>
        <translation>instruct（问题 → 答案）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dialog (messages)</source>
        <translation>dialog（消息）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shuffle the rows every epoch</source>
        <translation>每轮打乱行的顺序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packed</source>
        <translation>打包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pack several short examples into one sequence</source>
        <translation>将多个短样本打包到一个序列中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train on input</source>
        <translation>训练输入部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also learn the prompt tokens, not only the answer</source>
        <translation>同时学习提示词的 token，而不仅是答案</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation dataset</source>
        <translation>验证数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Schedule</source>
        <translation>训练计划</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most this many optimizer steps per epoch</source>
        <translation>每轮最多执行这么多个优化器步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches whose gradients are summed before one optimizer step</source>
        <translation>在一个优化器步之前累加梯度的批次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Validation batches at the end of each epoch</source>
        <translation>每轮结束时的验证批次数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max steps per epoch</source>
        <translation>每轮最大步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max validation steps</source>
        <translation>最大验证步数</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+34"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Peak learning rate, e.g. 1e-4; warm-up then cosine decay to 0</source>
        <translation>峰值学习率，例如 1e-4；先预热，再按余弦衰减到 0</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 (where the CPU supports it)</source>
        <translation>bf16（需 CPU 支持）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Activation checkpointing</source>
        <translation>激活检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute activations in the backward pass: less memory, more time</source>
        <translation>在反向传播中重新计算激活：占用内存更少，耗时更长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation offloading</source>
        <translation>激活卸载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted; not applied on a CPU</source>
        <translation>可以设置；在 CPU 上不生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory-efficient FSDP wrap</source>
        <translation>内存高效的 FSDP 包装</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Accepted; not applied on one device</source>
        <translation>可以设置；在单个设备上不生效</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>FSDP CPU offload</source>
        <translation>FSDP CPU 卸载</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>logger_config as a JSON object (passed on as it is)</source>
        <translation>JSON 对象形式的 logger_config（按原样传递）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hyperparam_search_config as a JSON object (passed on as it is)</source>
        <translation>JSON 对象形式的 hyperparam_search_config（按原样传递）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+96"/>
        <source>Logger config</source>
        <translation>日志记录器配置</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+94"/>
        <source>Hyperparameter search</source>
        <translation>超参数搜索</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Preference optimization uses the default checkpoints folder</source>
        <translation>偏好优化使用默认的检查点文件夹</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>%1 must be a JSON object such as {} or {&quot;key&quot;: &quot;value&quot;}.</source>
        <translation>%1 必须是 JSON 对象，例如 {} 或 {&quot;key&quot;: &quot;value&quot;}。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Learning rate: “%1” is not a number (write e.g. 1e-4 or 0.0001).</source>
        <translation>学习率：“%1”不是数字（请写成例如 1e-4 或 0.0001）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weight decay: “%1” is not a number.</source>
        <translation>权重衰减：“%1”不是数字。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>DPO beta: “%1” is not a number.</source>
        <translation>DPO beta：“%1”不是数字。</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The preset must be a JSON object (a training request without job_uuid).</source>
        <translation>预设必须是 JSON 对象（不含 job_uuid 的训练请求）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The preset is not a valid preference-optimization request: %1</source>
        <translation>该预设不是有效的偏好优化请求：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>The preset cannot be used: %1</source>
        <translation>无法使用该预设：%1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The preset is not a valid fine-tuning request: %1</source>
        <translation>该预设不是有效的微调请求：%1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The form cannot be saved as a preset yet: %1</source>
        <translation>表单暂时无法保存为预设：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not valid JSON.</source>
        <translation>%1 不是有效的 JSON。</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingJobFollower</name>
    <message>
        <location filename="../ui/training/training_job_follower.cpp" line="+90"/>
        <source>Could not follow training job %1.</source>
        <translation>无法跟踪训练任务 %1。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not read the metrics of training job %1.</source>
        <translation>无法读取训练任务 %1 的指标。</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingJobListModel</name>
    <message>
        <location filename="../ui/training/training_job_list_model.cpp" line="+23"/>
        <source>full</source>
        <translation>全量</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 / %2 (%3%)</source>
        <translation>%1 / %2（%3%）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Job %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not load the training jobs.</source>
        <translation>无法加载训练任务。</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingPage</name>
    <message>
        <location filename="../ui/training/training_page.cpp" line="+136"/>
        <source>Load preset…</source>
        <translation>加载预设…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill the form from a preset (a training request saved as JSON)</source>
        <translation>用预设（保存为 JSON 的训练请求）填写表单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load preset</source>
        <translation>加载预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training presets (*.json);;All files (*)</source>
        <translation>训练预设 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save preset…</source>
        <translation>保存预设…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the form as a preset (JSON, without the job id)</source>
        <translation>将表单保存为预设（JSON，不含任务 ID）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training presets (*.json)</source>
        <translation>训练预设 (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bundled example</source>
        <translation>内置示例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fine-tune the bundled starter model on the capitals sample</source>
        <translation>用各国首都示例数据微调内置的入门模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This build has no bundled example</source>
        <translation>此版本没有内置示例</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+50"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a background training job with this form</source>
        <translation>使用此表单在后台启动训练任务</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the job within one step; its checkpoints stay</source>
        <translation>在一步之内停止该任务；其检查点会保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+246"/>
        <source>Continue a cancelled or interrupted job from its last checkpoint</source>
        <translation>从最后一个检查点继续已取消或已中断的任务</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluate this checkpoint</source>
        <translation>评估此检查点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Benchmarks &amp; Eval with this checkpoint&apos;s model chosen</source>
        <translation>打开“基准测试 &amp; 评估”并选中此检查点的模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>No training job yet: fill in the form and start one.</source>
        <translation>尚无训练任务：请填写表单并启动一个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a job to follow it.</source>
        <translation>选择一个任务以跟踪它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 on %3 · %4 · step %5</source>
        <translation>%1 · %3 上的 %2 · %4 · 步数 %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n 个线程</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>peak %1</source>
        <translation>峰值内存 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The job failed: %1</source>
        <translation>任务失败：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only a cancelled or interrupted job with a checkpoint can be resumed</source>
        <translation>只有带检查点的已取消或已中断任务才能继续</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The training job did not start.</source>
        <translation>训练任务未能启动。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Could not cancel training job %1.</source>
        <translation>无法取消训练任务 %1。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not resume training job %1.</source>
        <translation>无法继续训练任务 %1。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This build has no bundled example.</source>
        <translation>此版本没有内置示例。</translation>
    </message>
</context>
<context>
    <name>wb::ui::TrainingRequestCheck</name>
    <message>
        <location filename="../ui/training/training_request_check.cpp" line="+20"/>
        <source>%1 must be between %2 and %3 (it is %4).</source>
        <translation>%1 必须介于 %2 和 %3 之间（当前为 %4）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Job id: enter an id for the job.</source>
        <translation>任务 ID：请输入任务的 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job id: no spaces at the ends and no “/”.</source>
        <translation>任务 ID：首尾不能有空格，且不能包含“/”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max steps per epoch</source>
        <translation>每轮最大步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gradient accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Max validation steps</source>
        <translation>最大验证步数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Precision must be fp32 or bf16 (it is “%1”).</source>
        <translation>精度必须为 fp32 或 bf16（当前为“%1”）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Dataset: choose the dataset to train on.</source>
        <translation>数据集：请选择用于训练的数据集。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Validation dataset: choose one or “(none)”.</source>
        <translation>验证数据集：请选择一个或“（无）”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning rate must be greater than 0 (for example 1e-4).</source>
        <translation>学习率必须大于 0（例如 1e-4）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate %1 is far too large; use a value such as 1e-4.</source>
        <translation>学习率 %1 过大；请使用 1e-4 之类的值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight decay must be 0 or more.</source>
        <translation>权重衰减必须大于或等于 0。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optimizer: the settings are missing.</source>
        <translation>优化器：缺少设置。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model: choose the model to fine-tune.</source>
        <translation>模型：请选择要微调的模型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checkpoint folder: enter a folder or leave it empty for the default.</source>
        <translation>检查点文件夹：请输入文件夹，或留空以使用默认位置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LoRA rank must be at least 1 (it is %1).</source>
        <translation>LoRA 秩必须至少为 1（当前为 %1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LoRA alpha</source>
        <translation>LoRA alpha</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>LoRA: choose at least one layer to adapt (an attention projection, the MLP or the output).</source>
        <translation>LoRA：请至少选择一个要适配的层（注意力投影、MLP 或输出层）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>LoRA: unknown attention module “%1” (q_proj, k_proj, v_proj, o_proj).</source>
        <translation>LoRA：未知的注意力模块“%1”（q_proj、k_proj、v_proj、o_proj）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>QAT: choose a quantizer.</source>
        <translation>QAT：请选择量化器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QAT group size</source>
        <translation>QAT 分组大小</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model: choose the model to align.</source>
        <translation>模型：请选择要对齐的模型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DPO beta must be greater than 0 (for example 0.1).</source>
        <translation>DPO beta 必须大于 0（例如 0.1）。</translation>
    </message>
</context>
</TS>
