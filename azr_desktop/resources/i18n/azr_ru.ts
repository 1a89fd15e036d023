<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../gui/crash.py" line="27" />
        <source>AZR Desktop hit a bug</source>
        <translation>В AZR Desktop произошла ошибка</translation>
    </message>
    <message>
        <location filename="../../gui/crash.py" line="31" />
        <source>Something went wrong inside AZR Desktop. %1 Please copy the details below into a bug report.</source>
        <translation>Внутри AZR Desktop что-то пошло не так. %1 Скопируйте подробности ниже в сообщение об ошибке.</translation>
    </message>
    <message>
        <location filename="../../gui/crash.py" line="38" />
        <source>Copy details</source>
        <translation>Копировать подробности</translation>
    </message>
</context>
<context>
    <name>DataPane</name>
    <message>
        <source>Not added (%1):</source>
        <translation>Не добавлены (%1):</translation>
    </message>
    <message>
        <source>Books added: %1.</source>
        <translation>Добавлено книг: %1.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="73" />
        <source>Drop .txt books or folders of them anywhere on this window, or choose them. Any language and encoding will do.</source>
        <translation>Перетащите книги .txt или папки с ними в это окно или выберите их. Подойдёт любой язык и кодировка.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="77" />
        <source>Add books…</source>
        <translation>Добавить книги…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="79" />
        <source>Add a folder…</source>
        <translation>Добавить папку…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="81" />
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Book</source>
        <translation>Книга</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Encoding</source>
        <translation>Кодировка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Characters</source>
        <translation>Символы</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="92" />
        <source>Tokens</source>
        <translation>Токены</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="104" />
        <source>The start of the selected book appears here.</source>
        <translation>Здесь появится начало выбранной книги.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="111" />
        <source>Train the tokenizer</source>
        <translation>Обучить токенизатор</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="113" />
        <source>Creates the model in the library and trains its tokenizer on these books.</source>
        <translation>Создаёт модель в библиотеке и обучает её токенизатор на этих книгах.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="120" />
        <source>The quick brown fox jumps over the lazy dog. Съешь же ещё этих мягких французских булок!</source>
        <translation>Съешь же ещё этих мягких французских булок, да выпей чаю. The quick brown fox jumps over the lazy dog.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="126" />
        <source>Tokenizer</source>
        <translation>Токенизатор</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="132" />
        <source>Try a sentence: each colour is one token.</source>
        <translation>Попробуйте фразу: каждый цвет — один токен.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="138" />
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="154" />
        <source>Add books</source>
        <translation>Добавить книги</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="154" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Текстовые файлы (*.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="160" />
        <source>Add a folder of books</source>
        <translation>Добавить папку с книгами</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="229" />
        <source>Books: %1 (%2)</source>
        <translation>Книг: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="251" />
        <source>Train the tokenizer to see how it splits text.</source>
        <translation>Обучите токенизатор, чтобы увидеть, как он делит текст.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/data_pane.py" line="260" />
        <source>%1 tokens for %2 bytes: %3 bytes per token (vocabulary %4)</source>
        <translation>%1 токенов на %2 байт: %3 байта на токен (словарь %4)</translation>
    </message>
</context>
<context>
    <name>GenerationPane</name>
    <message>
        <source>Best (iteration %1, val %2)</source>
        <translation>Лучший (итерация %1, ошибка на валидации %2)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="59" />
        <source>Type the beginning of a text, or leave this empty to let the model start on its own.</source>
        <translation>Введите начало текста или оставьте пустым, чтобы модель начала сама.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="63" />
        <source>The model's text appears here as it is written.</source>
        <translation>Здесь появляется текст модели по мере написания.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="65" />
        <source>Prompt</source>
        <translation>Начало текста</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="65" />
        <source>Output</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="79" />
        <source>Lower is safer and more repetitive, higher is wilder. 0 always picks the likeliest token.</source>
        <translation>Ниже — осторожнее и однообразнее, выше — смелее. 0 всегда выбирает самый вероятный токен.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="83" />
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="85" />
        <source>Only the k likeliest tokens can be picked.</source>
        <translation>Выбор только из k самых вероятных токенов.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="88" />
        <source>Only the likeliest tokens that together make up this probability can be picked.</source>
        <translation>Выбор только из самых вероятных токенов, вместе набирающих эту вероятность.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="91" />
        <source>Above 1 discourages repeating tokens already in the text.</source>
        <translation>Больше 1 — реже повторяет токены, уже бывшие в тексте.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="97" />
        <source>random</source>
        <translation>случайное</translation>
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
        <translation>Штраф за повторы</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="105" />
        <source>Maximum length (tokens)</source>
        <translation>Макс. длина (токенов)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="106" />
        <source>Seed</source>
        <translation>Зерно</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="107" />
        <source>Sampling</source>
        <translation>Выборка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="110" />
        <location filename="../../gui/panes/generation_pane.py" line="140" />
        <source>Generate</source>
        <translation>Генерация</translation>
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
        <translation>Копировать</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="117" />
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="155" />
        <source>Newest (iteration %1)</source>
        <translation>Последний (итерация %1)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="157" />
        <source>Iteration %1</source>
        <translation>Итерация %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="205" />
        <source>Loading the model…</source>
        <translation>Загрузка модели…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="224" />
        <source>Writing with the model at iteration %1…</source>
        <translation>Пишет модель с итерации %1…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="243" />
        <source>Stopped.</source>
        <translation>Остановлено.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="243" />
        <source>Done.</source>
        <translation>Готово.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="267" />
        <source>Train the model first: generation needs a saved checkpoint.</source>
        <translation>Сначала обучите модель: для генерации нужен сохранённый чекпойнт.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="276" />
        <source>Save the text</source>
        <translation>Сохранить текст</translation>
    </message>
    <message>
        <location filename="../../gui/panes/generation_pane.py" line="276" />
        <source>Text files (*.txt)</source>
        <translation>Текстовые файлы (*.txt)</translation>
    </message>
    <message>
        <source>Keep this seed</source>
        <translation>Оставить это зерно</translation>
    </message>
    <message>
        <source>Put the seed of this text into the Seed field, to write it again.</source>
        <translation>Вписать зерно этого текста в поле «Зерно», чтобы написать его снова.</translation>
    </message>
    <message>
        <source>Seed: %1.</source>
        <translation>Зерно: %1.</translation>
    </message>
    <message>
        <source>The text is on the clipboard.</source>
        <translation>Текст скопирован в буфер обмена.</translation>
    </message>
    <message>
        <source>Saved the text to %1.</source>
        <translation>Текст сохранён в %1.</translation>
    </message>
    <message>
        <source>Side by side…</source>
        <translation>Рядом…</translation>
    </message>
    <message>
        <source>The same prompt and seed written by several checkpoints or models, in columns.</source>
        <translation>Одно начало текста и одно зерно — продолжения нескольких чекпойнтов или моделей в колонках.</translation>
    </message>
    <message>
        <source>%1 (iteration %2)</source>
        <translation>%1 (итерация %2)</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>Newest (iteration %1)</source>
        <translation>Последний (итерация %1)</translation>
    </message>
    <message>
        <source>Best (iteration %1, val %2)</source>
        <translation>Лучший (итерация %1, ошибка на валидации %2)</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>Чекпойнт:</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="97" />
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="98" />
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="99" />
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="100" />
        <source>Iteration / target</source>
        <translation>Итерация / цель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="101" />
        <source>Last trained</source>
        <translation>Последнее обучение</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="102" />
        <source>Best val loss</source>
        <translation>Лучшая вал. ошибка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="119" />
        <source>New model</source>
        <translation>Новая модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="127" />
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="120" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="121" />
        <source>Rename…</source>
        <translation>Переименовать…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="122" />
        <source>Duplicate</source>
        <translation>Дублировать</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="123" />
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="124" />
        <source>Delete…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="133" />
        <source>Change folder…</source>
        <translation>Сменить папку…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="148" />
        <source>Models</source>
        <translation>Модели</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="156" />
        <source>Library: %1</source>
        <translation>Библиотека: %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="168" />
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="218" />
        <source>Rename model</source>
        <translation>Переименовать модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="218" />
        <source>New name:</source>
        <translation>Новое название:</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="235" />
        <source>Delete model</source>
        <translation>Удалить модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="236" />
        <source>Delete %1 with all its checkpoints and history? This cannot be undone.</source>
        <translation>Удалить %1 со всеми чекпойнтами и историей? Это нельзя отменить.</translation>
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
        <translation>Папка Hugging Face (transformers)</translation>
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
        <translation>Экспорт модели</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="256" />
        <source>Format:</source>
        <translation>Формат:</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="278" />
        <source>Exported iteration %1 to %2 (%3).</source>
        <translation>Итерация %1 экспортирована в %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="296" />
        <source>Import model</source>
        <translation>Импорт модели</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="296" />
        <source>Model files (*.pt *.safetensors)</source>
        <translation>Файлы моделей (*.pt *.safetensors)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="304" />
        <source>Importing %1…</source>
        <translation>Импорт %1…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="320" />
        <source>Imported %1 at iteration %2. Add books on the Data page to train it further.</source>
        <translation>Модель %1 импортирована на итерации %2. Чтобы обучать её дальше, добавьте книги на странице «Данные».</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="298" />
        <source>Library folder</source>
        <translation>Папка библиотеки</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="186" />
        <source>%1 (in use)</source>
        <translation>%1 (занята)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Сравнить</translation>
    </message>
    <message>
        <source>Select two or more models (Ctrl+click) to compare them.</source>
        <translation>Выберите две или больше моделей (Ctrl+щелчок), чтобы сравнить их.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Models</source>
        <translation>Модели</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="74" />
        <source>Generate</source>
        <translation>Генерация</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="112" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="113" />
        <source>&amp;New model</source>
        <translation>&amp;Новая модель</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="114" />
        <source>&amp;Models</source>
        <translation>&amp;Модели</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="115" />
        <source>Add &amp;books…</source>
        <translation>Добавить &amp;книги…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="117" />
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="119" />
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="120" />
        <source>&amp;Training</source>
        <translation>&amp;Обучение</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="122" />
        <source>&amp;Start / Resume</source>
        <translation>&amp;Старт / продолжить</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="125" />
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Пауза / продолжить</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="128" />
        <source>S&amp;top and save</source>
        <translation>Ос&amp;тановить и сохранить</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="130" />
        <location filename="../../gui/main_window.py" line="131" />
        <source>&amp;Generate</source>
        <translation>&amp;Генерация</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="132" />
        <source>&amp;Stop generating</source>
        <translation>&amp;Остановить генерацию</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="133" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="134" />
        <source>&amp;Welcome</source>
        <translation>&amp;Приветствие</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="135" />
        <source>&amp;About AZR Desktop</source>
        <translation>&amp;О программе AZR Desktop</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="164" />
        <source>Shakespeare (tiny)</source>
        <translation>Шекспир (tiny)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="180" />
        <source>new model</source>
        <translation>новая модель</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="181" />
        <source> (not created yet)</source>
        <translation> (ещё не создана)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="221" />
        <source>About AZR Desktop</source>
        <translation>О программе AZR Desktop</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="223" />
        <source>AZR Desktop %1

Train a small GPT-style language model on your own books, on your own computer.</source>
        <translation>AZR Desktop %1

Обучите небольшую языковую модель в стиле GPT на своих книгах, на своём компьютере.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="243" />
        <source>The training could not be stopped in time; the last checkpoint on disk is kept.</source>
        <translation>Обучение не удалось вовремя остановить; последний чекпойнт на диске сохранён.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="245" />
        <source>No training was running.</source>
        <translation>Обучение не шло.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="247" />
        <source>The training was saved at iteration %1.</source>
        <translation>Обучение сохранено на итерации %1.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="252" />
        <source>Training is running</source>
        <translation>Идёт обучение</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="253" />
        <source>Save a checkpoint, stop the training and quit? Training continues from it next time.</source>
        <translation>Сохранить чекпойнт, остановить обучение и выйти? В следующий раз обучение продолжится с него.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="265" />
        <source>Saving a checkpoint before quitting…</source>
        <translation>Сохранение чекпойнта перед выходом…</translation>
    </message>
    <message>
        <source>Restart AZR Desktop?</source>
        <translation>Перезапустить AZR Desktop?</translation>
    </message>
    <message>
        <source>The language and the theme change when AZR Desktop starts again. Restart it now?</source>
        <translation>Язык и тема меняются при следующем запуске AZR Desktop. Перезапустить сейчас?</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Перезапустить</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../gui/messages.py" line="86" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>ModelPane</name>
    <message>
        <source>about %1, measured while training</source>
        <translation>около %1, измерено во время обучения</translation>
    </message>
    <message>
        <source>timing a few training steps…</source>
        <translation>замеряем несколько шагов обучения…</translation>
    </message>
    <message>
        <source>Could not time it: %1</source>
        <translation>Не удалось замерить: %1</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3.</source>
        <translation>Значение «%1» должно быть от %2 до %3.</translation>
    </message>
    <message>
        <source>%1 (%2) must divide %3 (%4) evenly.</source>
        <translation>Значение «%1» (%2) должно делить «%3» (%4) без остатка.</translation>
    </message>
    <message>
        <source>%1 divided by %2 must be an even number for rotary positions, not %3.</source>
        <translation>Частное «%1» / «%2» должно быть чётным (этого требуют поворотные позиции), а не %3.</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Ширина</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="46" />
        <source>Vocabulary size</source>
        <translation>Размер словаря</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="47" />
        <source>How many different tokens the tokenizer learns from your books.</source>
        <translation>Сколько разных токенов токенизатор выучит по вашим книгам.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="50" />
        <source>Width (d_model)</source>
        <translation>Ширина (d_model)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="51" />
        <source>The size of each token's vector: wider models learn more, slower.</source>
        <translation>Размер вектора каждого токена: широкие модели учат больше, но медленнее.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="53" />
        <source>Layers</source>
        <translation>Слои</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="53" />
        <source>How many transformer blocks are stacked.</source>
        <translation>Сколько блоков трансформера идут друг за другом.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="55" />
        <source>Attention heads</source>
        <translation>Головы внимания</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="56" />
        <source>Must divide the width evenly, with an even size per head.</source>
        <translation>Ширина должна делиться на число голов, и размер головы должен быть чётным.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="59" />
        <source>Feed-forward size</source>
        <translation>Размер MLP</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="60" />
        <source>The hidden size of each block's MLP, usually 3-4 times the width.</source>
        <translation>Скрытый размер MLP в каждом блоке, обычно в 3–4 раза больше ширины.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="62" />
        <source>Context length</source>
        <translation>Длина контекста</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="62" />
        <source>How many tokens the model sees at once.</source>
        <translation>Сколько токенов модель видит за раз.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="65" />
        <source>My model</source>
        <translation>Моя модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="69" />
        <source>Tiny: fast on any computer</source>
        <translation>Tiny: быстро на любом компьютере</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="70" />
        <source>Small: the default</source>
        <translation>Small: по умолчанию</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="71" />
        <source>Base: for a GPU</source>
        <translation>Base: для видеокарты</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="74" />
        <source>Custom</source>
        <translation>Своя</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="78" />
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="79" />
        <source>Preset</source>
        <translation>Пресет</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="93" />
        <source>This model exists: its architecture is fixed. Create a new model to change it.</source>
        <translation>Модель уже создана, её архитектура зафиксирована. Чтобы изменить её, создайте новую модель.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="97" />
        <source>Architecture</source>
        <translation>Архитектура</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="108" />
        <source>What it costs</source>
        <translation>Во что обойдётся</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="110" />
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="111" />
        <source>Memory for training</source>
        <translation>Память для обучения</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="112" />
        <source>Time per 1000 iterations</source>
        <translation>Время на 1000 итераций</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="118" />
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="214" />
        <source>about %1 with batch size %2</source>
        <translation>около %1 при батче %2</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="216" />
        <source>(this computer has %1)</source>
        <translation>(на этом компьютере %1)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="220" />
        <source>This needs more memory than this computer has: lower the batch size or the size of the model.</source>
        <translation>Нужно больше памяти, чем есть на этом компьютере: уменьшите батч или модель.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="226" />
        <source>%1, measured while training</source>
        <translation>%1 (измерено во время обучения)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="229" />
        <source>about %1 on this computer</source>
        <translation>около %1 на этом компьютере</translation>
    </message>
    <message>
        <location filename="../../gui/panes/model_pane.py" line="231" />
        <source>measuring this computer…</source>
        <translation>измеряем скорость компьютера…</translation>
    </message>
</context>
<context>
    <name>ModelSession</name>
    <message>
        <source>Book list saved: the training uses it from its next start.</source>
        <translation>Список книг сохранён: обучение возьмёт его при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="95" />
        <source>Stop the training first: one model trains at a time.</source>
        <translation>Сначала остановите обучение: модели обучаются по одной.</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="102" />
        <source>%1 is already in the list.</source>
        <translation>%1 уже в списке.</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="132" />
        <source>Add at least one book on the Data page first.</source>
        <translation>Сначала добавьте хотя бы одну книгу на странице «Данные».</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="135" />
        <source>My model</source>
        <translation>Моя модель</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="158" />
        <source>Created %1.</source>
        <translation>Создана модель %1.</translation>
    </message>
</context>
<context>
    <name>SelfPlayBox</name>
    <message>
        <location filename="../../gui/selfplay.py" line="39" />
        <source>AZR-inspired self-play (refines a trained model)</source>
        <translation>Самоигра в духе AZR (дообучает обученную модель)</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="44" />
        <source>The model makes tasks from its books (continue a passage, fill in missing words, guess the previous sentence) and learns from how well it solves them; the books themselves are the judge.</source>
        <translation>Модель составляет задачи по своим книгам (продолжить отрывок, вставить пропущенные слова, угадать предыдущее предложение) и учится на том, насколько хорошо их решает; судьи — сами книги.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="50" />
        <source>Use self-play when training starts</source>
        <translation>Использовать самоигру при запуске</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="54" />
        <source>Continue a passage</source>
        <translation>Продолжить отрывок</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="55" />
        <source>Fill in missing words</source>
        <translation>Вставить пропущенные слова</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="56" />
        <source>Guess the previous sentence</source>
        <translation>Угадать предыдущее предложение</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="65" />
        <source>How many tasks of each type the model solves in one step.</source>
        <translation>Сколько задач каждого типа модель решает за один шаг.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="68" />
        <source>How many answers the model writes to each task; it learns from how they compare.</source>
        <translation>Сколько ответов модель пишет на каждую задачу; она учится, сравнивая их между собой.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="70" />
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="72" />
        <source>How many tasks of each type the model proposes itself in one step; built-in tasks fill up the rest.</source>
        <translation>Сколько задач каждого типа модель предлагает сама за один шаг; остальное добирается встроенными задачами.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="80" />
        <source>Lower than for ordinary training: self-play only refines what the model knows.</source>
        <translation>Ниже, чем для обычного обучения: самоигра лишь уточняет то, что модель уже знает.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="86" />
        <source>How strongly the model is held near where self-play started: higher is safer, lower learns more.</source>
        <translation>Насколько сильно модель удерживается рядом с той, с которой началась самоигра: больше — надёжнее, меньше — учится сильнее.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="92" />
        <source>Task types</source>
        <translation>Типы задач</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="93" />
        <source>Tasks per type</source>
        <translation>Задач на тип</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="94" />
        <source>Answers per task</source>
        <translation>Ответов на задачу</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="95" />
        <source>Proposals per type</source>
        <translation>Предложений на тип</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="96" />
        <source>Learning rate</source>
        <translation>Скорость обучения</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="97" />
        <source>KL weight</source>
        <translation>Вес KL</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="124" />
        <source>Choose at least one task type.</source>
        <translation>Выберите хотя бы один тип задач.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="166" />
        <source>Self-play refines a trained model: train this one first, then come back.</source>
        <translation>Самоигра дообучает уже обученную модель: сначала обучите эту, потом возвращайтесь.</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="182" />
        <source>Self-play steps: %1 (from iteration %2 to the target above).</source>
        <translation>Шагов самоигры: %1 (от итерации %2 до цели выше).</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="187" />
        <source>Raise “Train to iteration” above %1 to run self-play steps.</source>
        <translation>Поднимите «Обучать до итерации» выше %1, чтобы выполнить шаги самоигры.</translation>
    </message>
</context>
<context>
    <name>SelfPlayExamples</name>
    <message>
        <location filename="../../gui/selfplay.py" line="270" />
        <source>Iteration</source>
        <translation>Итерация</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="271" />
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="272" />
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="273" />
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="274" />
        <source>Model's answer</source>
        <translation>Ответ модели</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="275" />
        <source>Book's answer</source>
        <translation>Ответ книги</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="276" />
        <source>Reward</source>
        <translation>Награда</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="278" />
        <source>continue</source>
        <translation>продолжить</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="278" />
        <source>fill in</source>
        <translation>вставить</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="278" />
        <source>previous</source>
        <translation>предыдущее</translation>
    </message>
    <message>
        <location filename="../../gui/selfplay.py" line="281" />
        <source>Hover over a text to read all of it.</source>
        <translation>Наведите указатель на текст, чтобы прочитать его целиком.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/settings_dialog.py" line="29" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="31" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="37" />
        <location filename="../../gui/settings_dialog.py" line="43" />
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="44" />
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="45" />
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="49" />
        <source>Language and theme change the next time AZR Desktop starts.</source>
        <translation>Язык и тема сменятся при следующем запуске AZR Desktop.</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="55" />
        <location filename="../../gui/settings_dialog.py" line="63" />
        <source>Model library folder</source>
        <translation>Папка библиотеки моделей</translation>
    </message>
    <message>
        <location filename="../../gui/settings_dialog.py" line="56" />
        <source>Language</source>
        <translation>Язык</translation>
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
        <translation>остановлено досрочно: ошибка на валидации больше не снижалась</translation>
    </message>
    <message>
        <source>Stopped early at iteration %1: validation loss no longer improved. The best checkpoint is kept for Generate and Export.</source>
        <translation>Остановлено досрочно на итерации %1: ошибка на валидации больше не снижалась. Лучший чекпойнт сохранён для генерации и экспорта.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="65" />
        <source>The iteration to train to. You can change it at any time, even while training.</source>
        <translation>До какой итерации обучать. Можно менять в любой момент, даже во время обучения.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="74" />
        <location filename="../../gui/panes/training_pane.py" line="75" />
        <location filename="../../gui/panes/training_pane.py" line="76" />
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="79" />
        <source>Automatic</source>
        <translation>Автоматически</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="80" />
        <source>CPU</source>
        <translation>Процессор</translation>
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
        <translation>все ядра</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="100" />
        <source>Train to iteration</source>
        <translation>Обучать до итерации</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="101" />
        <source>Batch size</source>
        <translation>Размер батча</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="102" />
        <source>Learning rate</source>
        <translation>Скорость обучения</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="103" />
        <source>Warmup iterations</source>
        <translation>Итерации разогрева</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="104" />
        <source>Save every</source>
        <translation>Сохранять каждые</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="105" />
        <source>Evaluate every</source>
        <translation>Оценивать каждые</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="106" />
        <source>Sample text every</source>
        <translation>Пример текста каждые</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="107" />
        <source>Device</source>
        <translation>Устройство</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="108" />
        <source>CPU threads</source>
        <translation>Потоки процессора</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="109" />
        <source>Settings</source>
        <translation>Настройки</translation>
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
        <translation>Сохраняет чекпойнт и останавливает; «Старт» продолжит с него.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="130" />
        <source>Iteration</source>
        <translation>Итерация</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="131" />
        <source>Loss</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="132" />
        <source>Validation loss</source>
        <translation>Ошибка на валидации</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="133" />
        <source>Tokens/s</source>
        <translation>Токенов/с</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="134" />
        <source>Elapsed</source>
        <translation>Прошло</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="135" />
        <source>Time left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="141" />
        <source>Progress</source>
        <translation>Ход обучения</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="158" />
        <source>Text the model writes every few iterations appears here.</source>
        <translation>Здесь появляется текст, который модель пишет каждые несколько итераций.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="162" />
        <source>Samples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="163" />
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="174" />
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="337" />
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="337" />
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="348" />
        <source>Ready.</source>
        <translation>Готово к запуску.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="350" />
        <source>Add books on the Data page, then press Start.</source>
        <translation>Добавьте книги на странице «Данные» и нажмите «Старт».</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="351" />
        <source>Preparing: tokenising the books and loading the checkpoint…</source>
        <translation>Подготовка: токенизация книг и загрузка чекпойнта…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="352" />
        <source>Training.</source>
        <translation>Обучение идёт.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="353" />
        <source>Paused (everything is kept in memory).</source>
        <translation>Пауза (всё сохранено в памяти).</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="354" />
        <source>Stopping: saving a checkpoint…</source>
        <translation>Остановка: сохранение чекпойнта…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="356" />
        <source>Creating the model: training the tokenizer…</source>
        <translation>Создание модели: обучение токенизатора…</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="368" />
        <source>iteration %1: validation loss %2, %3 bits per byte</source>
        <translation>итерация %1: ошибка на валидации %2, %3 бит на байт</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="378" />
        <source>iteration %1: checkpoint saved (%2)</source>
        <translation>итерация %1: чекпойнт сохранён (%2)</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="382" />
        <source>target changed from %1 to %2</source>
        <translation>цель изменена с %1 на %2</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="384" />
        <source>paused at iteration %1</source>
        <translation>пауза на итерации %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="386" />
        <source>resumed at iteration %1</source>
        <translation>продолжено на итерации %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="388" />
        <source>reached the target</source>
        <translation>цель достигнута</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="388" />
        <source>stopped</source>
        <translation>остановлено</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="389" />
        <source>%1 at iteration %2</source>
        <translation>%1 на итерации %2</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="398" />
        <source>resuming at iteration %1</source>
        <translation>продолжаем с итерации %1</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="398" />
        <source>starting</source>
        <translation>начинаем</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="429" />
        <source>— iteration %1 —</source>
        <translation>— итерация %1 —</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="169" />
        <source>Self-play tasks</source>
        <translation>Задачи самоигры</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="424" />
        <source>self-play stopped and rolled back</source>
        <translation>самоигра остановлена, веса возвращены</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="429" />
        <source>Self-play stopped at iteration %1 because the model began to drift away from its books, and it went back to its best evaluated weights. The log says what was measured; a lower self-play learning rate or a higher KL weight makes this less likely.</source>
        <translation>Самоигра остановлена на итерации %1: модель начала отдаляться от своих книг, и ей вернули лучшие по оценке веса. Что именно было измерено, написано в журнале; более низкая скорость обучения самоигры или больший вес KL делают это менее вероятным.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/training_pane.py" line="408" />
        <source>In use by another program: %1. The plots follow it.</source>
        <translation>Занята другой программой: %1. Графики показывают её ход.</translation>
    </message>
    <message numerus="yes">
        <source>%1: target %2, %3 parameters, %4 (%5, %n thread(s))</source>
        <translation>
            <numerusform>%1: цель %2, параметров %3, %4 (%5, %n поток)</numerusform>
            <numerusform>%1: цель %2, параметров %3, %4 (%5, %n потока)</numerusform>
            <numerusform>%1: цель %2, параметров %3, %4 (%5, %n потоков)</numerusform>
        </translation>
    </message>
    <message>
        <source>Finished at iteration %1: the target is reached and saved.</source>
        <translation>Готово на итерации %1: цель достигнута, модель сохранена.</translation>
    </message>
    <message>
        <source>Self-play stopped at iteration %1 and went back to its best weights.</source>
        <translation>Самоигра остановлена на итерации %1, модель вернулась к лучшим весам.</translation>
    </message>
    <message>
        <source>Stopped at iteration %1 and saved; Continue goes on from there.</source>
        <translation>Остановлено на итерации %1 и сохранено; «Продолжить» продолжит с этого места.</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>Видеокарты</translation>
    </message>
    <message>
        <source>Training on several GPUs needs Linux: PyTorch's distributed training is not dependable on Windows and macOS. Training uses one GPU.</source>
        <translation>Обучение на нескольких видеокартах требует Linux: распределённое обучение PyTorch ненадёжно в Windows и macOS. Обучение идёт на одной видеокарте.</translation>
    </message>
    <message>
        <source>Self-play trains on one GPU; turn it off to train on several.</source>
        <translation>Самоигра обучает на одной видеокарте; выключите её, чтобы обучать на нескольких.</translation>
    </message>
    <message>
        <source>How many GPUs train the model together: the same training as on one, sooner.</source>
        <translation>Сколько видеокарт обучают модель вместе: то же обучение, что и на одной, только быстрее.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../gui/plots.py" line="93" />
        <source>Loss</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="93" />
        <source>nats per token</source>
        <translation>нат на токен</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="94" />
        <source>Learning rate</source>
        <translation>Скорость обучения</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="94" />
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="95" />
        <source>Speed</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="95" />
        <location filename="../../gui/plots.py" line="106" />
        <source>tokens/s</source>
        <translation>токенов/с</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="96" />
        <source>Self-play</source>
        <translation>Самоигра</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="96" />
        <source>reward</source>
        <translation>награда</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="101" />
        <source>train</source>
        <translation>обучение</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="102" />
        <source>train (smoothed)</source>
        <translation>обучение (сглаж.)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="103" />
        <source>validation</source>
        <translation>валидация</translation>
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
        <translation>Сглаживание</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="221" />
        <source>Draw the loss on a logarithmic scale.</source>
        <translation>Показывать ошибку в логарифмической шкале.</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="227" />
        <source>Moving average of the training loss and of the self-play curves.</source>
        <translation>Скользящее среднее ошибки обучения и кривых самоигры.</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="249" />
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="264" />
        <source>Self-play rewards</source>
        <translation>Награды самоигры</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="265" />
        <source>Self-play rates</source>
        <translation>Доли в самоигре</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="265" />
        <source>share</source>
        <translation>доля</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="266" />
        <source>Drift and diversity</source>
        <translation>Отход и разнообразие</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="266" />
        <source>KL, nats per token</source>
        <translation>KL, нат на токен</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="267" />
        <source>Validation tasks</source>
        <translation>Проверочные задачи</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="267" />
        <source>score</source>
        <translation>оценка</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="269" />
        <source>entropy, nats</source>
        <translation>энтропия, нат</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="274" />
        <source>solver</source>
        <translation>решатель</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="275" />
        <source>task score</source>
        <translation>оценка задачи</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="276" />
        <source>proposer</source>
        <translation>составитель</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="277" />
        <source>repetition penalty</source>
        <translation>штраф за повторы</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="278" />
        <source>unknown-word penalty</source>
        <translation>штраф за незнакомые слова</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="279" />
        <source>solved</source>
        <translation>решено</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solver: continue</source>
        <translation>решатель: продолжить</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solver: fill in</source>
        <translation>решатель: заполнить пропуск</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solver: previous</source>
        <translation>решатель: предыдущее</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="280" />
        <source>solved: continue</source>
        <translation>решено: продолжить</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="281" />
        <source>solved: fill in</source>
        <translation>решено: вставить</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="282" />
        <source>solved: previous</source>
        <translation>решено: предыдущее</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="283" />
        <source>valid proposals</source>
        <translation>годные предложения</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="284" />
        <source>built-in tasks</source>
        <translation>встроенные задачи</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="285" />
        <source>tasks that teach nothing</source>
        <translation>задачи, которые ничему не учат</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="286" />
        <source>KL to the starting model</source>
        <translation>KL к исходной модели</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="287" />
        <source>entropy (right axis)</source>
        <translation>энтропия (правая ось)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="288" />
        <source>continue (chrF)</source>
        <translation>продолжить (chrF)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="289" />
        <source>fill in (exact)</source>
        <translation>вставить (точно)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="290" />
        <source>previous (chrF)</source>
        <translation>предыдущее (chrF)</translation>
    </message>
    <message>
        <location filename="../../gui/plots.py" line="291" />
        <source>perplexity rise</source>
        <translation>рост перплексии</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="40" />
        <source>Welcome to AZR Desktop</source>
        <translation>Добро пожаловать в AZR Desktop</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="43" />
        <source>Train your own small language model on books, on this computer. It learns to write like the books you give it.

Never trained a model? Start with a tiny one on a bundled Shakespeare sample: the first plot moves within a minute, and you can pause, stop and continue at any time.</source>
        <translation>Обучите свою небольшую языковую модель на книгах прямо на этом компьютере. Она научится писать как книги, которые вы ей дадите.

Никогда не обучали модель? Начните с маленькой на встроенном отрывке из Шекспира: первый график оживёт меньше чем за минуту, а поставить на паузу, остановить и продолжить можно в любой момент.</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="49" />
        <source>Train a tiny model on a sample book</source>
        <translation>Обучить маленькую модель на примере книги</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="53" />
        <source>Create my own model</source>
        <translation>Создать свою модель</translation>
    </message>
    <message>
        <location filename="../../gui/panes/library_pane.py" line="57" />
        <source>Import a model file…</source>
        <translation>Импортировать файл модели…</translation>
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
        <translation>%1 д %2 ч</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../gui/messages.py" line="25" />
        <source>Out of memory: lower the batch size or the context length, or close other programs.</source>
        <translation>Не хватает памяти: уменьшите батч или длину контекста либо закройте другие программы.</translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="31" />
        <source>The disk is full (%1); free some space and try again.</source>
        <translation>Диск заполнен (%1); освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="36" />
        <source>%1 (%2); check the path and its permissions.</source>
        <translation>%1 (%2); проверьте путь и права доступа.</translation>
    </message>
</context>
<context>
    <name>plots</name>
    <message>
        <location filename="../../gui/plots.py" line="73" />
        <source>iteration</source>
        <translation>итерация</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Training the tokenizer…</source>
        <translation>Обучение токенизатора…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="51" />
        <source>Training the tokenizer… %p%</source>
        <translation>Обучение токенизатора… %p%</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="53" />
        <source>Tokenising the books… %p%</source>
        <translation>Токенизация книг… %p%</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Папка:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Типы файлов:</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Папка</translation>
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
        <translation>Неизвестно</translation>
    </message>
</context>
<context>
    <name>BudgetBox</name>
    <message>
        <source>Time budget</source>
        <translation>Время на обучение</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10 минут</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 час</translation>
    </message>
    <message>
        <source>Overnight (8 hours)</source>
        <translation>На ночь (8 часов)</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Другое…</translation>
    </message>
    <message>
        <source>How long you can let it train: the app proposes the model and the run.</source>
        <translation>Сколько времени можно отдать обучению: приложение предложит модель и план обучения.</translation>
    </message>
    <message>
        <source>e.g. 45m, 2h30m</source>
        <translation>например, 45m, 2h30m</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Спланировать</translation>
    </message>
    <message>
        <source>Measure this computer and your books, and fill in the best plan.</source>
        <translation>Измерить этот компьютер и ваши книги и заполнить лучший план.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Add books on the Data page first: the plan is made for them.</source>
        <translation>Сначала добавьте книги на странице «Данные»: план составляется под них.</translation>
    </message>
    <message>
        <source>Go to Data</source>
        <translation>Открыть «Данные»</translation>
    </message>
    <message>
        <source>Train for</source>
        <translation>Обучать</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Планирование…</translation>
    </message>
    <message>
        <source>%1 parameters · %2 iterations of %3 s on this computer · sees %4 passes over your books</source>
        <translation>%1 параметров · %2 итераций по %3 с на этом компьютере · %4 проходов по вашим книгам</translation>
    </message>
    <message>
        <source>Early stopping is on: training stops after %1 evaluations in a row without a lower validation loss, and the best checkpoint is kept.</source>
        <translation>Ранняя остановка включена: обучение остановится после %1 оценок подряд без снижения ошибки на валидации, лучший чекпойнт сохраняется.</translation>
    </message>
    <message>
        <source>Target set to iteration %1: %2 more iterations of %3 s on this computer fit in %4.</source>
        <translation>Цель — итерация %1: ещё %2 итераций по %3 с на этом компьютере уложатся в %4.</translation>
    </message>
</context>
<context>
    <name>ComparePlot</name>
    <message>
        <source>Bits per byte (lower is better)</source>
        <translation>Бит на байт (чем меньше, тем лучше)</translation>
    </message>
    <message>
        <source>bits per byte</source>
        <translation>бит на байт</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>валидация</translation>
    </message>
    <message>
        <source>training</source>
        <translation>обучение</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>итерация</translation>
    </message>
    <message>
        <source>text seen, %1</source>
        <translation>прочитано текста, %1</translation>
    </message>
    <message>
        <source>training time, hours</source>
        <translation>время обучения, часы</translation>
    </message>
    <message>
        <source>training time, minutes</source>
        <translation>время обучения, минуты</translation>
    </message>
    <message>
        <source>training time, seconds</source>
        <translation>время обучения, секунды</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare models</source>
        <translation>Сравнение моделей</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>Итерации</translation>
    </message>
    <message>
        <source>Text seen</source>
        <translation>Прочитано текста</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>Время обучения</translation>
    </message>
    <message>
        <source>Score on a book…</source>
        <translation>Оценить на книге…</translation>
    </message>
    <message>
        <source>Bits per byte of every model on the same text, at its newest checkpoint: lower is better.</source>
        <translation>Бит на байт у каждой модели на одном и том же тексте, по последнему чекпойнту: чем меньше, тем лучше.</translation>
    </message>
    <message>
        <source>Horizontal axis:</source>
        <translation>Горизонтальная ось:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Books</source>
        <translation>Книги</translation>
    </message>
    <message>
        <source>Time trained</source>
        <translation>Время обучения</translation>
    </message>
    <message>
        <source>Best val
bits/byte</source>
        <translation>Лучшая валидация
бит/байт</translation>
    </message>
    <message>
        <source>Latest val
bits/byte</source>
        <translation>Последняя валидация
бит/байт</translation>
    </message>
    <message>
        <source>Held-out
bits/byte</source>
        <translation>Отложенный текст
бит/байт</translation>
    </message>
    <message>
        <source>Score on a book</source>
        <translation>Оценить на книге</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Текстовые файлы (*.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Scoring on %1…</source>
        <translation>Оценка на %1…</translation>
    </message>
    <message>
        <source>Scoring: %1 of %2 models</source>
        <translation>Оценка: %1 из %2 моделей</translation>
    </message>
    <message>
        <source>Held-out text: %1</source>
        <translation>Отложенный текст: %1</translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message>
        <source>Generate</source>
        <translation>Генерация</translation>
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
        <translation>Остановлено.</translation>
    </message>
    <message>
        <source>Seed: %1.</source>
        <translation>Зерно: %1.</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Текстовые файлы (*.txt)</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Рядом</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Копировать всё</translation>
    </message>
    <message>
        <source>Save all…</source>
        <translation>Сохранить всё…</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <source>Prompt (the same for every source)</source>
        <translation>Начало текста (одно для всех источников)</translation>
    </message>
    <message>
        <source>Writing with %1 sources, seed %2…</source>
        <translation>Генерация: источников — %1, зерно %2…</translation>
    </message>
    <message>
        <source>The texts are on the clipboard.</source>
        <translation>Тексты скопированы в буфер обмена.</translation>
    </message>
    <message>
        <source>Save the texts</source>
        <translation>Сохранить тексты</translation>
    </message>
    <message>
        <source>Saved the texts to %1.</source>
        <translation>Тексты сохранены в %1.</translation>
    </message>
</context>
<context>
    <name>ProcessRun</name>
    <message>
        <source>The training processes ended with exit code %1; the last checkpoint is kept.</source>
        <translation>Процессы обучения завершились с кодом %1; последний чекпойнт сохранён.</translation>
    </message>
</context>
</TS>