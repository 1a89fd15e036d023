<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="uk_UA">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../gui/crash.py" line="27" />
        <source>AZR Desktop hit a bug</source>
        <translation>В AZR Desktop сталася помилка</translation>
    </message>
    <message>
        <location filename="../../gui/crash.py" line="31" />
        <source>Something went wrong inside AZR Desktop. %1 Please copy the details below into a bug report.</source>
        <translation>Усередині AZR Desktop щось пішло не так. %1 Скопіюйте подробиці нижче в повідомлення про помилку.</translation>
    </message>
    <message>
        <location filename="../../gui/crash.py" line="38" />
        <source>Copy details</source>
        <translation>Копіювати подробиці</translation>
    </message>
</context>
<context>
    <name>DataPane</name>
    <message>
        <source>Not added (%1):</source>
        <translation>Не додано (%1):</translation>
    </message>
    <message>
        <source>Books added: %1.</source>
        <translation>Додано книг: %1.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="73" />
        <source>Drop .txt books or folders of them anywhere on this window, or choose them. Any language and encoding will do.</source>
        <translation>Перетягніть книжки .txt або теки з ними в це вікно чи виберіть їх. Підійде будь-яка мова й кодування.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="77" />
        <source>Add books…</source>
        <translation>Додати книжки…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="79" />
        <source>Add a folder…</source>
        <translation>Додати теку…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="81" />
        <source>Remove</source>
        <translation>Прибрати</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Book</source>
        <translation>Книжка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Size</source>
        <translation>Розмір</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Encoding</source>
        <translation>Кодування</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Characters</source>
        <translation>Символи</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Tokens</source>
        <translation>Токени</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="104" />
        <source>The start of the selected book appears here.</source>
        <translation>Тут з’явиться початок вибраної книжки.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="111" />
        <source>Train the tokenizer</source>
        <translation>Навчити токенізатор</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="113" />
        <source>Creates the model in the library and trains its tokenizer on these books.</source>
        <translation>Створює модель у бібліотеці й навчає її токенізатор на цих книжках.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="120" />
        <source>The quick brown fox jumps over the lazy dog. Съешь же ещё этих мягких французских булок!</source>
        <translation>Чуєш їх, доцю, га? Кумедна ж ти, прощайся без ґольфів! The quick brown fox jumps over the lazy dog.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="126" />
        <source>Tokenizer</source>
        <translation>Токенізатор</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="132" />
        <source>Try a sentence: each colour is one token.</source>
        <translation>Спробуйте фразу: кожен колір — один токен.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="138" />
        <source>Data</source>
        <translation>Дані</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="154" />
        <source>Add books</source>
        <translation>Додати книжки</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="154" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Текстові файли (*.txt);;Усі файли (*)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="160" />
        <source>Add a folder of books</source>
        <translation>Додати теку з книжками</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="229" />
        <source>Books: %1 (%2)</source>
        <translation>Книжок: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="251" />
        <source>Train the tokenizer to see how it splits text.</source>
        <translation>Навчіть токенізатор, щоб побачити, як він ділить текст.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="260" />
        <source>%1 tokens for %2 bytes: %3 bytes per token (vocabulary %4)</source>
        <translation>%1 токенів на %2 байтів: %3 байта на токен (словник %4)</translation>
    </message>
</context>
<context>
    <name>GenerationPane</name>
    <message>
        <source>Best (iteration %1, val %2)</source>
        <translation>Найкращий (ітерація %1, помилка на валідації %2)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="59" />
        <source>Type the beginning of a text, or leave this empty to let the model start on its own.</source>
        <translation>Введіть початок тексту або залиште порожнім, щоб модель почала сама.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="63" />
        <source>The model's text appears here as it is written.</source>
        <translation>Тут з’являється текст моделі в міру написання.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="65" />
        <source>Prompt</source>
        <translation>Початок тексту</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="65" />
        <source>Output</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="79" />
        <source>Lower is safer and more repetitive, higher is wilder. 0 always picks the likeliest token.</source>
        <translation>Нижче — обережніше й одноманітніше, вище — сміливіше. 0 завжди вибирає найімовірніший токен.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="83" />
        <source>off</source>
        <translation>вимк.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="85" />
        <source>Only the k likeliest tokens can be picked.</source>
        <translation>Вибір лише з k найімовірніших токенів.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="88" />
        <source>Only the likeliest tokens that together make up this probability can be picked.</source>
        <translation>Вибір лише з найімовірніших токенів, що разом набирають цю ймовірність.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="91" />
        <source>Above 1 discourages repeating tokens already in the text.</source>
        <translation>Більше 1 — рідше повторює токени, що вже є в тексті.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="97" />
        <source>random</source>
        <translation>випадкове</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="100" />
        <source>Checkpoint</source>
        <translation>Чекпойнт</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="101" />
        <source>Temperature</source>
        <translation>Температура</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="102" />
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="103" />
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="104" />
        <source>Repetition penalty</source>
        <translation>Штраф за повтори</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="105" />
        <source>Maximum length (tokens)</source>
        <translation>Макс. довжина (токенів)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="106" />
        <source>Seed</source>
        <translation>Зерно</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="107" />
        <source>Sampling</source>
        <translation>Вибірка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="110" />
        <location filename="../../gui/panes/generation_pane.py" line="140" />
        <source>Generate</source>
        <translation>Генерація</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="111" />
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="113" />
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="115" />
        <source>Copy</source>
        <translation>Копіювати</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="117" />
        <source>Save…</source>
        <translation>Зберегти…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="155" />
        <source>Newest (iteration %1)</source>
        <translation>Останній (ітерація %1)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="157" />
        <source>Iteration %1</source>
        <translation>Ітерація %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="205" />
        <source>Loading the model…</source>
        <translation>Завантаження моделі…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="224" />
        <source>Writing with the model at iteration %1…</source>
        <translation>Пише модель з ітерації %1…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="243" />
        <source>Stopped.</source>
        <translation>Зупинено.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="243" />
        <source>Done.</source>
        <translation>Готово.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="267" />
        <source>Train the model first: generation needs a saved checkpoint.</source>
        <translation>Спершу навчіть модель: для генерації потрібен збережений чекпойнт.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="276" />
        <source>Save the text</source>
        <translation>Зберегти текст</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="276" />
        <source>Text files (*.txt)</source>
        <translation>Текстові файли (*.txt)</translation>
    </message>
    <message>
        <source>Keep this seed</source>
        <translation>Залишити це зерно</translation>
    </message>
    <message>
        <source>Put the seed of this text into the Seed field, to write it again.</source>
        <translation>Вписати зерно цього тексту в поле «Зерно», щоб написати його знову.</translation>
    </message>
    <message>
        <source>Seed: %1.</source>
        <translation>Зерно: %1.</translation>
    </message>
    <message>
        <source>The text is on the clipboard.</source>
        <translation>Текст скопійовано до буфера обміну.</translation>
    </message>
    <message>
        <source>Saved the text to %1.</source>
        <translation>Текст збережено в %1.</translation>
    </message>
    <message>
        <source>Side by side…</source>
        <translation>Поруч…</translation>
    </message>
    <message>
        <source>The same prompt and seed written by several checkpoints or models, in columns.</source>
        <translation>Один початок тексту й одне зерно — продовження кількох чекпойнтів або моделей у колонках.</translation>
    </message>
    <message>
        <source>%1 (iteration %2)</source>
        <translation>%1 (ітерація %2)</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>Newest (iteration %1)</source>
        <translation>Останній (ітерація %1)</translation>
    </message>
    <message>
        <source>Best (iteration %1, val %2)</source>
        <translation>Найкращий (ітерація %1, помилка на валідації %2)</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>Чекпойнт:</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="97" />
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="98" />
        <source>Size</source>
        <translation>Розмір</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="99" />
        <source>Parameters</source>
        <translation>Параметри</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="100" />
        <source>Iteration / target</source>
        <translation>Ітерація / мета</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="101" />
        <source>Last trained</source>
        <translation>Останнє навчання</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="102" />
        <source>Best val loss</source>
        <translation>Найкраща вал. помилка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="119" />
        <source>New model</source>
        <translation>Нова модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="127" />
        <source>Import…</source>
        <translation>Імпорт…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="120" />
        <source>Open</source>
        <translation>Відкрити</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="121" />
        <source>Rename…</source>
        <translation>Перейменувати…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="122" />
        <source>Duplicate</source>
        <translation>Дублювати</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="123" />
        <source>Export…</source>
        <translation>Експорт…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="124" />
        <source>Delete…</source>
        <translation>Видалити…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="133" />
        <source>Change folder…</source>
        <translation>Змінити теку…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="148" />
        <source>Models</source>
        <translation>Моделі</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="156" />
        <source>Library: %1</source>
        <translation>Бібліотека: %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="168" />
        <source>never</source>
        <translation>ніколи</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="218" />
        <source>Rename model</source>
        <translation>Перейменувати модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="218" />
        <source>New name:</source>
        <translation>Нова назва:</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="235" />
        <source>Delete model</source>
        <translation>Видалити модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="236" />
        <source>Delete %1 with all its checkpoints and history? This cannot be undone.</source>
        <translation>Видалити %1 з усіма чекпойнтами та історією? Це не можна скасувати.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="251" />
        <source>PyTorch file (.pt)</source>
        <translation>Файл PyTorch (.pt)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="252" />
        <source>safetensors file (.safetensors)</source>
        <translation>Файл safetensors (.safetensors)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="253" />
        <source>Hugging Face folder (transformers)</source>
        <translation>Тека Hugging Face (transformers)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="254" />
        <source>GGUF file (llama.cpp)</source>
        <translation>Файл GGUF (llama.cpp)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="256" />
        <location filename="../../gui/panes/library_pane.py" line="261" />
        <source>Export model</source>
        <translation>Експорт моделі</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="256" />
        <source>Format:</source>
        <translation>Формат:</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="278" />
        <source>Exported iteration %1 to %2 (%3).</source>
        <translation>Ітерацію %1 експортовано в %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="296" />
        <source>Import model</source>
        <translation>Імпорт моделі</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="296" />
        <source>Model files (*.pt *.safetensors)</source>
        <translation>Файли моделей (*.pt *.safetensors)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="304" />
        <source>Importing %1…</source>
        <translation>Імпорт %1…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="320" />
        <source>Imported %1 at iteration %2. Add books on the Data page to train it further.</source>
        <translation>Модель %1 імпортовано на ітерації %2. Щоб навчати її далі, додайте книжки на сторінці «Дані».</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="298" />
        <source>Library folder</source>
        <translation>Тека бібліотеки</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="186" />
        <source>%1 (in use)</source>
        <translation>%1 (зайнята)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Порівняти</translation>
    </message>
    <message>
        <source>Select two or more models (Ctrl+click) to compare them.</source>
        <translation>Виберіть дві або більше моделей (Ctrl+клацання), щоб порівняти їх.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Models</source>
        <translation>Моделі</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Data</source>
        <translation>Дані</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Training</source>
        <translation>Навчання</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Generate</source>
        <translation>Генерація</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="112" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="113" />
        <source>&amp;New model</source>
        <translation>&amp;Нова модель</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="114" />
        <source>&amp;Models</source>
        <translation>&amp;Моделі</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="115" />
        <source>Add &amp;books…</source>
        <translation>Додати &amp;книжки…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="117" />
        <source>&amp;Settings…</source>
        <translation>&amp;Налаштування…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="119" />
        <source>&amp;Quit</source>
        <translation>&amp;Вихід</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="120" />
        <source>&amp;Training</source>
        <translation>&amp;Навчання</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="122" />
        <source>&amp;Start / Resume</source>
        <translation>&amp;Старт / продовжити</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="125" />
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Пауза / продовжити</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="128" />
        <source>S&amp;top and save</source>
        <translation>Зу&amp;пинити й зберегти</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="130" />
        <location filename="../../gui/main_window.py" line="131" />
        <source>&amp;Generate</source>
        <translation>&amp;Генерація</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="132" />
        <source>&amp;Stop generating</source>
        <translation>&amp;Зупинити генерацію</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="133" />
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="134" />
        <source>&amp;Welcome</source>
        <translation>&amp;Вітання</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="135" />
        <source>&amp;About AZR Desktop</source>
        <translation>&amp;Про AZR Desktop</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="164" />
        <source>Shakespeare (tiny)</source>
        <translation>Шекспір (tiny)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="180" />
        <source>new model</source>
        <translation>нова модель</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="181" />
        <source> (not created yet)</source>
        <translation> (ще не створена)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="221" />
        <source>About AZR Desktop</source>
        <translation>Про AZR Desktop</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="223" />
        <source>AZR Desktop %1

Train a small GPT-style language model on your own books, on your own computer.</source>
        <translation>AZR Desktop %1

Навчіть невелику мовну модель у стилі GPT на своїх книжках, на своєму комп’ютері.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="243" />
        <source>The training could not be stopped in time; the last checkpoint on disk is kept.</source>
        <translation>Навчання не вдалося вчасно зупинити; останній чекпойнт на диску збережено.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="245" />
        <source>No training was running.</source>
        <translation>Навчання не тривало.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="247" />
        <source>The training was saved at iteration %1.</source>
        <translation>Навчання збережено на ітерації %1.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="252" />
        <source>Training is running</source>
        <translation>Триває навчання</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="253" />
        <source>Save a checkpoint, stop the training and quit? Training continues from it next time.</source>
        <translation>Зберегти чекпойнт, зупинити навчання й вийти? Наступного разу навчання продовжиться з нього.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="265" />
        <source>Saving a checkpoint before quitting…</source>
        <translation>Збереження чекпойнта перед виходом…</translation>
    </message>
    <message>
        <source>Restart AZR Desktop?</source>
        <translation>Перезапустити AZR Desktop?</translation>
    </message>
    <message>
        <source>The language and the theme change when AZR Desktop starts again. Restart it now?</source>
        <translation>Мова й тема змінюються під час наступного запуску AZR Desktop. Перезапустити зараз?</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Перезапустити</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Пізніше</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../gui/messages.py" line="86" />
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
</context>
<context>
    <name>ModelPane</name>
    <message>
        <source>about %1, measured while training</source>
        <translation>близько %1, виміряно під час навчання</translation>
    </message>
    <message>
        <source>timing a few training steps…</source>
        <translation>заміряємо кілька кроків навчання…</translation>
    </message>
    <message>
        <source>Could not time it: %1</source>
        <translation>Не вдалося заміряти: %1</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3.</source>
        <translation>Значення «%1» має бути від %2 до %3.</translation>
    </message>
    <message>
        <source>%1 (%2) must divide %3 (%4) evenly.</source>
        <translation>Значення «%1» (%2) має ділити «%3» (%4) без остачі.</translation>
    </message>
    <message>
        <source>%1 divided by %2 must be an even number for rotary positions, not %3.</source>
        <translation>Частка «%1» / «%2» має бути парним числом (цього вимагають обертові позиції), а не %3.</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Ширина</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="46" />
        <source>Vocabulary size</source>
        <translation>Розмір словника</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="47" />
        <source>How many different tokens the tokenizer learns from your books.</source>
        <translation>Скільки різних токенів токенізатор вивчить з ваших книжок.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="50" />
        <source>Width (d_model)</source>
        <translation>Ширина (d_model)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="51" />
        <source>The size of each token's vector: wider models learn more, slower.</source>
        <translation>Розмір вектора кожного токена: ширші моделі вчать більше, але повільніше.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="53" />
        <source>Layers</source>
        <translation>Шари</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="53" />
        <source>How many transformer blocks are stacked.</source>
        <translation>Скільки блоків трансформера йдуть один за одним.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="55" />
        <source>Attention heads</source>
        <translation>Голови уваги</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="56" />
        <source>Must divide the width evenly, with an even size per head.</source>
        <translation>Ширина має ділитися на кількість голів, а розмір голови має бути парним.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="59" />
        <source>Feed-forward size</source>
        <translation>Розмір MLP</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="60" />
        <source>The hidden size of each block's MLP, usually 3-4 times the width.</source>
        <translation>Прихований розмір MLP у кожному блоці, зазвичай у 3–4 рази більший за ширину.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="62" />
        <source>Context length</source>
        <translation>Довжина контексту</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="62" />
        <source>How many tokens the model sees at once.</source>
        <translation>Скільки токенів модель бачить за раз.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="65" />
        <source>My model</source>
        <translation>Моя модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="69" />
        <source>Tiny: fast on any computer</source>
        <translation>Tiny: швидко на будь-якому комп’ютері</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="70" />
        <source>Small: the default</source>
        <translation>Small: типово</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="71" />
        <source>Base: for a GPU</source>
        <translation>Base: для відеокарти</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="74" />
        <source>Custom</source>
        <translation>Власна</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="78" />
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="79" />
        <source>Preset</source>
        <translation>Пресет</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="93" />
        <source>This model exists: its architecture is fixed. Create a new model to change it.</source>
        <translation>Модель уже створена, її архітектуру зафіксовано. Щоб змінити її, створіть нову модель.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="97" />
        <source>Architecture</source>
        <translation>Архітектура</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="108" />
        <source>What it costs</source>
        <translation>Скільки це коштуватиме</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="110" />
        <source>Parameters</source>
        <translation>Параметри</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="111" />
        <source>Memory for training</source>
        <translation>Пам’ять для навчання</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="112" />
        <source>Time per 1000 iterations</source>
        <translation>Час на 1000 ітерацій</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="118" />
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="214" />
        <source>about %1 with batch size %2</source>
        <translation>близько %1 за батча %2</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="216" />
        <source>(this computer has %1)</source>
        <translation>(на цьому комп’ютері %1)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="220" />
        <source>This needs more memory than this computer has: lower the batch size or the size of the model.</source>
        <translation>Потрібно більше пам’яті, ніж є на цьому комп’ютері: зменште батч або модель.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="226" />
        <source>%1, measured while training</source>
        <translation>%1 (виміряно під час навчання)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="229" />
        <source>about %1 on this computer</source>
        <translation>близько %1 на цьому комп’ютері</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="231" />
        <source>measuring this computer…</source>
        <translation>вимірюємо швидкість комп’ютера…</translation>
    </message>
</context>
<context>
    <name>ModelSession</name>
    <message>
        <source>Book list saved: the training uses it from its next start.</source>
        <translation>Список книг збережено: навчання візьме його з наступного запуску.</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="95" />
        <source>Stop the training first: one model trains at a time.</source>
        <translation>Спершу зупиніть навчання: моделі навчаються по одній.</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="102" />
        <source>%1 is already in the list.</source>
        <translation>%1 вже в списку.</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="132" />
        <source>Add at least one book on the Data page first.</source>
        <translation>Спершу додайте хоча б одну книжку на сторінці «Дані».</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="135" />
        <source>My model</source>
        <translation>Моя модель</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="158" />
        <source>Created %1.</source>
        <translation>Створено модель %1.</translation>
    </message>
</context>
<context>
    <name>SelfPlayBox</name>
    <message>
        <location filename="../../gui/selfplay.py" line="39" />
        <source>AZR-inspired self-play (refines a trained model)</source>
        <translation>Самогра в дусі AZR (донавчає навчену модель)</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="44" />
        <source>The model makes tasks from its books (continue a passage, fill in missing words, guess the previous sentence) and learns from how well it solves them; the books themselves are the judge.</source>
        <translation>Модель складає задачі зі своїх книжок (продовжити уривок, вставити пропущені слова, вгадати попереднє речення) і вчиться з того, наскільки добре їх розв’язує; суддя — самі книжки.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="50" />
        <source>Use self-play when training starts</source>
        <translation>Використовувати самогру під час запуску</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="54" />
        <source>Continue a passage</source>
        <translation>Продовжити уривок</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="55" />
        <source>Fill in missing words</source>
        <translation>Вставити пропущені слова</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="56" />
        <source>Guess the previous sentence</source>
        <translation>Вгадати попереднє речення</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="65" />
        <source>How many tasks of each type the model solves in one step.</source>
        <translation>Скільки задач кожного типу модель розв’язує за один крок.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="68" />
        <source>How many answers the model writes to each task; it learns from how they compare.</source>
        <translation>Скільки відповідей модель пише на кожну задачу; вона вчиться, порівнюючи їх між собою.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="70" />
        <source>none</source>
        <translation>немає</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="72" />
        <source>How many tasks of each type the model proposes itself in one step; built-in tasks fill up the rest.</source>
        <translation>Скільки задач кожного типу модель пропонує сама за один крок; решту добирають вбудовані задачі.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="80" />
        <source>Lower than for ordinary training: self-play only refines what the model knows.</source>
        <translation>Нижча, ніж для звичайного навчання: самогра лише уточнює те, що модель уже знає.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="86" />
        <source>How strongly the model is held near where self-play started: higher is safer, lower learns more.</source>
        <translation>Наскільки сильно модель утримується поблизу тієї, з якої почалася самогра: більше — надійніше, менше — вчиться сильніше.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="92" />
        <source>Task types</source>
        <translation>Типи задач</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="93" />
        <source>Tasks per type</source>
        <translation>Задач на тип</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="94" />
        <source>Answers per task</source>
        <translation>Відповідей на задачу</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="95" />
        <source>Proposals per type</source>
        <translation>Пропозицій на тип</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="96" />
        <source>Learning rate</source>
        <translation>Швидкість навчання</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="97" />
        <source>KL weight</source>
        <translation>Вага KL</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="124" />
        <source>Choose at least one task type.</source>
        <translation>Виберіть принаймні один тип задач.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="166" />
        <source>Self-play refines a trained model: train this one first, then come back.</source>
        <translation>Самогра донавчає вже навчену модель: спершу навчіть цю, потім повертайтеся.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="182" />
        <source>Self-play steps: %1 (from iteration %2 to the target above).</source>
        <translation>Кроків самогри: %1 (від ітерації %2 до мети вище).</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="187" />
        <source>Raise “Train to iteration” above %1 to run self-play steps.</source>
        <translation>Підніміть «Навчати до ітерації» вище %1, щоб виконати кроки самогри.</translation>
    </message>
</context>
<context>
    <name>SelfPlayExamples</name>
    <message>
        <location filename="../../gui/selfplay.py" line="270" />
        <source>Iteration</source>
        <translation>Ітерація</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="271" />
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="272" />
        <source>Level</source>
        <translation>Рівень</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="273" />
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="274" />
        <source>Model's answer</source>
        <translation>Відповідь моделі</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="275" />
        <source>Book's answer</source>
        <translation>Відповідь книжки</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="276" />
        <source>Reward</source>
        <translation>Винагорода</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="278" />
        <source>continue</source>
        <translation>продовжити</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="278" />
        <source>fill in</source>
        <translation>вставити</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="278" />
        <source>previous</source>
        <translation>попереднє</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="281" />
        <source>Hover over a text to read all of it.</source>
        <translation>Наведіть вказівник на текст, щоб прочитати його повністю.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/settings_dialog.py" line="29" />
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="31" />
        <source>Choose…</source>
        <translation>Вибрати…</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="37" />
        <location filename="../../gui/settings_dialog.py" line="43" />
        <source>As the system</source>
        <translation>Як у системі</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="44" />
        <source>Light</source>
        <translation>Світла</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="45" />
        <source>Dark</source>
        <translation>Темна</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="49" />
        <source>Language and theme change the next time AZR Desktop starts.</source>
        <translation>Мова й тема зміняться під час наступного запуску AZR Desktop.</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="55" />
        <location filename="../../gui/settings_dialog.py" line="63" />
        <source>Model library folder</source>
        <translation>Тека бібліотеки моделей</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="56" />
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="57" />
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
</context>
<context>
    <name>TrainingPane</name>
    <message>
        <source>stopped early: validation loss no longer improved</source>
        <translation>зупинено достроково: помилка на валідації більше не знижувалася</translation>
    </message>
    <message>
        <source>Stopped early at iteration %1: validation loss no longer improved. The best checkpoint is kept for Generate and Export.</source>
        <translation>Зупинено достроково на ітерації %1: помилка на валідації більше не знижувалася. Найкращий чекпойнт збережено для генерації та експорту.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="65" />
        <source>The iteration to train to. You can change it at any time, even while training.</source>
        <translation>До якої ітерації навчати. Можна змінювати будь-коли, навіть під час навчання.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="74" />
        <location filename="../../gui/panes/training_pane.py" line="75" />
        <location filename="../../gui/panes/training_pane.py" line="76" />
        <source>never</source>
        <translation>ніколи</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="79" />
        <source>Automatic</source>
        <translation>Автоматично</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="80" />
        <source>CPU</source>
        <translation>Процесор</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="81" />
        <source>NVIDIA GPU (CUDA)</source>
        <translation>GPU NVIDIA (CUDA)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="82" />
        <source>Apple GPU (Metal)</source>
        <translation>GPU Apple (Metal)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="85" />
        <source>all cores</source>
        <translation>усі ядра</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="100" />
        <source>Train to iteration</source>
        <translation>Навчати до ітерації</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="101" />
        <source>Batch size</source>
        <translation>Розмір батча</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="102" />
        <source>Learning rate</source>
        <translation>Швидкість навчання</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="103" />
        <source>Warmup iterations</source>
        <translation>Ітерації розігріву</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="104" />
        <source>Save every</source>
        <translation>Зберігати кожні</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="105" />
        <source>Evaluate every</source>
        <translation>Оцінювати кожні</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="106" />
        <source>Sample text every</source>
        <translation>Приклад тексту кожні</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="107" />
        <source>Device</source>
        <translation>Пристрій</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="108" />
        <source>CPU threads</source>
        <translation>Потоки процесора</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="109" />
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="112" />
        <location filename="../../gui/panes/training_pane.py" line="337" />
        <source>Start</source>
        <translation>Старт</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="114" />
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="116" />
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="117" />
        <source>Saves a checkpoint and stops; Start continues from it.</source>
        <translation>Зберігає чекпойнт і зупиняє; «Старт» продовжить з нього.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="130" />
        <source>Iteration</source>
        <translation>Ітерація</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="131" />
        <source>Loss</source>
        <translation>Помилка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="132" />
        <source>Validation loss</source>
        <translation>Помилка на валідації</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="133" />
        <source>Tokens/s</source>
        <translation>Токенів/с</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="134" />
        <source>Elapsed</source>
        <translation>Минуло</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="135" />
        <source>Time left</source>
        <translation>Залишилося</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="141" />
        <source>Progress</source>
        <translation>Перебіг навчання</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="158" />
        <source>Text the model writes every few iterations appears here.</source>
        <translation>Тут з’являється текст, який модель пише кожні кілька ітерацій.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="162" />
        <source>Samples</source>
        <translation>Приклади</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="163" />
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="174" />
        <source>Training</source>
        <translation>Навчання</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="337" />
        <source>Resume</source>
        <translation>Продовжити</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="337" />
        <source>Continue</source>
        <translation>Продовжити</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="348" />
        <source>Ready.</source>
        <translation>Готово до запуску.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="350" />
        <source>Add books on the Data page, then press Start.</source>
        <translation>Додайте книжки на сторінці «Дані» й натисніть «Старт».</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="351" />
        <source>Preparing: tokenising the books and loading the checkpoint…</source>
        <translation>Підготовка: токенізація книжок і завантаження чекпойнта…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="352" />
        <source>Training.</source>
        <translation>Навчання триває.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="353" />
        <source>Paused (everything is kept in memory).</source>
        <translation>Пауза (усе збережено в пам’яті).</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="354" />
        <source>Stopping: saving a checkpoint…</source>
        <translation>Зупинка: збереження чекпойнта…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="356" />
        <source>Creating the model: training the tokenizer…</source>
        <translation>Створення моделі: навчання токенізатора…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="368" />
        <source>iteration %1: validation loss %2, %3 bits per byte</source>
        <translation>ітерація %1: помилка на валідації %2, %3 біта на байт</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="378" />
        <source>iteration %1: checkpoint saved (%2)</source>
        <translation>ітерація %1: чекпойнт збережено (%2)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="382" />
        <source>target changed from %1 to %2</source>
        <translation>мету змінено з %1 на %2</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="384" />
        <source>paused at iteration %1</source>
        <translation>пауза на ітерації %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="386" />
        <source>resumed at iteration %1</source>
        <translation>продовжено на ітерації %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="388" />
        <source>reached the target</source>
        <translation>мету досягнуто</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="388" />
        <source>stopped</source>
        <translation>зупинено</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="389" />
        <source>%1 at iteration %2</source>
        <translation>%1 на ітерації %2</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="398" />
        <source>resuming at iteration %1</source>
        <translation>продовжуємо з ітерації %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="398" />
        <source>starting</source>
        <translation>починаємо</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="429" />
        <source>— iteration %1 —</source>
        <translation>— ітерація %1 —</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="169" />
        <source>Self-play tasks</source>
        <translation>Задачі самогри</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="424" />
        <source>self-play stopped and rolled back</source>
        <translation>самогру зупинено, ваги повернуто</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="429" />
        <source>Self-play stopped at iteration %1 because the model began to drift away from its books, and it went back to its best evaluated weights. The log says what was measured; a lower self-play learning rate or a higher KL weight makes this less likely.</source>
        <translation>Самогру зупинено на ітерації %1: модель почала віддалятися від своїх книжок, і їй повернули найкращі за оцінкою ваги. Що саме було виміряно, написано в журналі; нижча швидкість навчання самогри або більша вага KL роблять це менш імовірним.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="408" />
        <source>In use by another program: %1. The plots follow it.</source>
        <translation>Зайнята іншою програмою: %1. Графіки показують її хід.</translation>
    </message>
    <message numerus="yes">
        <source>%1: target %2, %3 parameters, %4 (%5, %n thread(s))</source>
        <translation>
            <numerusform>%1: мета %2, параметрів %3, %4 (%5, %n потік)</numerusform>
            <numerusform>%1: мета %2, параметрів %3, %4 (%5, %n потоки)</numerusform>
            <numerusform>%1: мета %2, параметрів %3, %4 (%5, %n потоків)</numerusform>
        </translation>
    </message>
    <message>
        <source>Finished at iteration %1: the target is reached and saved.</source>
        <translation>Готово на ітерації %1: мету досягнуто, модель збережено.</translation>
    </message>
    <message>
        <source>Self-play stopped at iteration %1 and went back to its best weights.</source>
        <translation>Самогру зупинено на ітерації %1, модель повернулася до найкращих ваг.</translation>
    </message>
    <message>
        <source>Stopped at iteration %1 and saved; Continue goes on from there.</source>
        <translation>Зупинено на ітерації %1 і збережено; «Продовжити» продовжить з цього місця.</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>Відеокарти</translation>
    </message>
    <message>
        <source>Training on several GPUs needs Linux: PyTorch's distributed training is not dependable on Windows and macOS. Training uses one GPU.</source>
        <translation>Навчання на кількох відеокартах потребує Linux: розподілене навчання PyTorch ненадійне у Windows і macOS. Навчання йде на одній відеокарті.</translation>
    </message>
    <message>
        <source>Self-play trains on one GPU; turn it off to train on several.</source>
        <translation>Самогра навчає на одній відеокарті; вимкніть її, щоб навчати на кількох.</translation>
    </message>
    <message>
        <source>How many GPUs train the model together: the same training as on one, sooner.</source>
        <translation>Скільки відеокарт навчають модель разом: те саме навчання, що й на одній, тільки швидше.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../gui/plots.py" line="93" />
        <source>Loss</source>
        <translation>Помилка</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="93" />
        <source>nats per token</source>
        <translation>нат на токен</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="94" />
        <source>Learning rate</source>
        <translation>Швидкість навчання</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="94" />
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="95" />
        <source>Speed</source>
        <translation>Швидкість</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="95" />
        <location filename="../../gui/plots.py" line="106" />
        <source>tokens/s</source>
        <translation>токенів/с</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="96" />
        <source>Self-play</source>
        <translation>Самогра</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="96" />
        <source>reward</source>
        <translation>винагорода</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="101" />
        <source>train</source>
        <translation>навчання</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="102" />
        <source>train (smoothed)</source>
        <translation>навчання (згладж.)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="103" />
        <source>validation</source>
        <translation>валідація</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="104" />
        <source>used</source>
        <translation>факт</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="105" />
        <source>planned</source>
        <translation>план</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="116" />
        <source>Log scale</source>
        <translation>Лог. шкала</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="127" />
        <source>Smoothing</source>
        <translation>Згладжування</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="221" />
        <source>Draw the loss on a logarithmic scale.</source>
        <translation>Показувати помилку в логарифмічній шкалі.</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="227" />
        <source>Moving average of the training loss and of the self-play curves.</source>
        <translation>Ковзне середнє помилки навчання та кривих самогри.</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="249" />
        <source>Training</source>
        <translation>Навчання</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="264" />
        <source>Self-play rewards</source>
        <translation>Винагороди самогри</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="265" />
        <source>Self-play rates</source>
        <translation>Частки в самогрі</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="265" />
        <source>share</source>
        <translation>частка</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="266" />
        <source>Drift and diversity</source>
        <translation>Відхід і різноманітність</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="266" />
        <source>KL, nats per token</source>
        <translation>KL, нат на токен</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="267" />
        <source>Validation tasks</source>
        <translation>Перевірні задачі</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="267" />
        <source>score</source>
        <translation>оцінка</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="269" />
        <source>entropy, nats</source>
        <translation>ентропія, нат</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="274" />
        <source>solver</source>
        <translation>розв’язувач</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="275" />
        <source>task score</source>
        <translation>оцінка задачі</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="276" />
        <source>proposer</source>
        <translation>укладач</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="277" />
        <source>repetition penalty</source>
        <translation>штраф за повтори</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="278" />
        <source>unknown-word penalty</source>
        <translation>штраф за незнайомі слова</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="279" />
        <source>solved</source>
        <translation>розв’язано</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solver: continue</source>
        <translation>розв’язувач: продовжити</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solver: fill in</source>
        <translation>розв’язувач: заповнити пропуск</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solver: previous</source>
        <translation>розв’язувач: попереднє</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="280" />
        <source>solved: continue</source>
        <translation>розв’язано: продовжити</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solved: fill in</source>
        <translation>розв’язано: вставити</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="282" />
        <source>solved: previous</source>
        <translation>розв’язано: попереднє</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="283" />
        <source>valid proposals</source>
        <translation>придатні пропозиції</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="284" />
        <source>built-in tasks</source>
        <translation>вбудовані задачі</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="285" />
        <source>tasks that teach nothing</source>
        <translation>задачі, що нічого не вчать</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="286" />
        <source>KL to the starting model</source>
        <translation>KL до початкової моделі</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="287" />
        <source>entropy (right axis)</source>
        <translation>ентропія (права вісь)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="288" />
        <source>continue (chrF)</source>
        <translation>продовжити (chrF)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="289" />
        <source>fill in (exact)</source>
        <translation>вставити (точно)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="290" />
        <source>previous (chrF)</source>
        <translation>попереднє (chrF)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="291" />
        <source>perplexity rise</source>
        <translation>зростання перплексії</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="40" />
        <source>Welcome to AZR Desktop</source>
        <translation>Ласкаво просимо до AZR Desktop</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="43" />
        <source>Train your own small language model on books, on this computer. It learns to write like the books you give it.

Never trained a model? Start with a tiny one on a bundled Shakespeare sample: the first plot moves within a minute, and you can pause, stop and continue at any time.</source>
        <translation>Навчіть свою невелику мовну модель на книжках просто на цьому комп’ютері. Вона навчиться писати як книжки, які ви їй дасте.

Ніколи не навчали модель? Почніть з маленької на вбудованому уривку з Шекспіра: перший графік оживе менш ніж за хвилину, а поставити на паузу, зупинити й продовжити можна будь-коли.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="49" />
        <source>Train a tiny model on a sample book</source>
        <translation>Навчити маленьку модель на прикладі книжки</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="53" />
        <source>Create my own model</source>
        <translation>Створити свою модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="57" />
        <source>Import a model file…</source>
        <translation>Імпортувати файл моделі…</translation>
    </message>
</context>
<context>
    <name>fmt</name>
    <message>
        <location filename="../../gui/fmt.py" line="10" />
        <source>B</source>
        <translation>Б</translation>
    </message>
    <message>
        <location filename="../../gui/fmt.py" line="11" />
        <source>KB</source>
        <translation>КБ</translation>
    </message>
    <message>
        <location filename="../../gui/fmt.py" line="12" />
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <location filename="../../gui/fmt.py" line="13" />
        <source>GB</source>
        <translation>ГБ</translation>
    </message>
    <message>
        <location filename="../../gui/fmt.py" line="35" />
        <source>%1 d %2 h</source>
        <translation>%1 д %2 год</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../gui/messages.py" line="25" />
        <source>Out of memory: lower the batch size or the context length, or close other programs.</source>
        <translation>Бракує пам’яті: зменште батч або довжину контексту чи закрийте інші програми.</translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="31" />
        <source>The disk is full (%1); free some space and try again.</source>
        <translation>Диск заповнено (%1); звільніть місце й спробуйте знову.</translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="36" />
        <source>%1 (%2); check the path and its permissions.</source>
        <translation>%1 (%2); перевірте шлях і права доступу.</translation>
    </message>
</context>
<context>
    <name>plots</name>
    <message>
        <location filename="../../gui/plots.py" line="73" />
        <source>iteration</source>
        <translation>ітерація</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Training the tokenizer…</source>
        <translation>Навчання токенізатора…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="51" />
        <source>Training the tokenizer… %p%</source>
        <translation>Навчання токенізатора… %p%</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="53" />
        <source>Tokenising the books… %p%</source>
        <translation>Токенізація книжок… %p%</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Тека:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Типи файлів:</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Тека</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Диск</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>Файл %1</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Невідомо</translation>
    </message>
</context>
<context>
    <name>BudgetBox</name>
    <message>
        <source>Time budget</source>
        <translation>Час на навчання</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10 хвилин</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 година</translation>
    </message>
    <message>
        <source>Overnight (8 hours)</source>
        <translation>На ніч (8 годин)</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Інше…</translation>
    </message>
    <message>
        <source>How long you can let it train: the app proposes the model and the run.</source>
        <translation>Скільки часу можна віддати навчанню: застосунок запропонує модель і план навчання.</translation>
    </message>
    <message>
        <source>e.g. 45m, 2h30m</source>
        <translation>наприклад, 45m, 2h30m</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Спланувати</translation>
    </message>
    <message>
        <source>Measure this computer and your books, and fill in the best plan.</source>
        <translation>Виміряти цей комп’ютер і ваші книги та заповнити найкращий план.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>Add books on the Data page first: the plan is made for them.</source>
        <translation>Спершу додайте книги на сторінці «Дані»: план складається під них.</translation>
    </message>
    <message>
        <source>Go to Data</source>
        <translation>Відкрити «Дані»</translation>
    </message>
    <message>
        <source>Train for</source>
        <translation>Навчати</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Планування…</translation>
    </message>
    <message>
        <source>%1 parameters · %2 iterations of %3 s on this computer · sees %4 passes over your books</source>
        <translation>%1 параметрів · %2 ітерацій по %3 с на цьому комп’ютері · %4 проходів вашими книгами</translation>
    </message>
    <message>
        <source>Early stopping is on: training stops after %1 evaluations in a row without a lower validation loss, and the best checkpoint is kept.</source>
        <translation>Раннє зупинення увімкнено: навчання зупиниться після %1 оцінювань поспіль без зниження помилки на валідації, найкращий чекпойнт зберігається.</translation>
    </message>
    <message>
        <source>Target set to iteration %1: %2 more iterations of %3 s on this computer fit in %4.</source>
        <translation>Ціль — ітерація %1: ще %2 ітерацій по %3 с на цьому комп’ютері вмістяться в %4.</translation>
    </message>
</context>
<context>
    <name>ComparePlot</name>
    <message>
        <source>Bits per byte (lower is better)</source>
        <translation>Біт на байт (що менше, то краще)</translation>
    </message>
    <message>
        <source>bits per byte</source>
        <translation>біт на байт</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>валідація</translation>
    </message>
    <message>
        <source>training</source>
        <translation>навчання</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>ітерація</translation>
    </message>
    <message>
        <source>text seen, %1</source>
        <translation>прочитано тексту, %1</translation>
    </message>
    <message>
        <source>training time, hours</source>
        <translation>час навчання, години</translation>
    </message>
    <message>
        <source>training time, minutes</source>
        <translation>час навчання, хвилини</translation>
    </message>
    <message>
        <source>training time, seconds</source>
        <translation>час навчання, секунди</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare models</source>
        <translation>Порівняння моделей</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>Ітерації</translation>
    </message>
    <message>
        <source>Text seen</source>
        <translation>Прочитано тексту</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>Час навчання</translation>
    </message>
    <message>
        <source>Score on a book…</source>
        <translation>Оцінити на книзі…</translation>
    </message>
    <message>
        <source>Bits per byte of every model on the same text, at its newest checkpoint: lower is better.</source>
        <translation>Біт на байт кожної моделі на тому самому тексті, за останнім чекпойнтом: що менше, то краще.</translation>
    </message>
    <message>
        <source>Horizontal axis:</source>
        <translation>Горизонтальна вісь:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметри</translation>
    </message>
    <message>
        <source>Books</source>
        <translation>Книги</translation>
    </message>
    <message>
        <source>Time trained</source>
        <translation>Час навчання</translation>
    </message>
    <message>
        <source>Best val
bits/byte</source>
        <translation>Найкраща валідація
біт/байт</translation>
    </message>
    <message>
        <source>Latest val
bits/byte</source>
        <translation>Остання валідація
біт/байт</translation>
    </message>
    <message>
        <source>Held-out
bits/byte</source>
        <translation>Відкладений текст
біт/байт</translation>
    </message>
    <message>
        <source>Score on a book</source>
        <translation>Оцінити на книзі</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Текстові файли (*.txt);;Усі файли (*)</translation>
    </message>
    <message>
        <source>Scoring on %1…</source>
        <translation>Оцінювання на %1…</translation>
    </message>
    <message>
        <source>Scoring: %1 of %2 models</source>
        <translation>Оцінювання: %1 з %2 моделей</translation>
    </message>
    <message>
        <source>Held-out text: %1</source>
        <translation>Відкладений текст: %1</translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message>
        <source>Generate</source>
        <translation>Генерація</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Готово.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Зупинено.</translation>
    </message>
    <message>
        <source>Seed: %1.</source>
        <translation>Зерно: %1.</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Текстові файли (*.txt)</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Поруч</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Копіювати все</translation>
    </message>
    <message>
        <source>Save all…</source>
        <translation>Зберегти все…</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Джерела</translation>
    </message>
    <message>
        <source>Prompt (the same for every source)</source>
        <translation>Початок тексту (один для всіх джерел)</translation>
    </message>
    <message>
        <source>Writing with %1 sources, seed %2…</source>
        <translation>Генерація: джерел — %1, зерно %2…</translation>
    </message>
    <message>
        <source>The texts are on the clipboard.</source>
        <translation>Тексти скопійовано в буфер обміну.</translation>
    </message>
    <message>
        <source>Save the texts</source>
        <translation>Зберегти тексти</translation>
    </message>
    <message>
        <source>Saved the texts to %1.</source>
        <translation>Тексти збережено в %1.</translation>
    </message>
</context>
<context>
    <name>ProcessRun</name>
    <message>
        <source>The training processes ended with exit code %1; the last checkpoint is kept.</source>
        <translation>Процеси навчання завершилися з кодом %1; останній чекпойнт збережено.</translation>
    </message>
</context>
</TS>