<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>TrainingPane</name>
    <message numerus="yes">
        <source>%1: target %2, %3 parameters, %4 (%5, %n thread(s))</source>
        <translation>
            <numerusform>%1: target %2, %3 parameters, %4 (%5, %n thread)</numerusform>
            <numerusform>%1: target %2, %3 parameters, %4 (%5, %n threads)</numerusform>
        </translation>
    </message>
</context></TS>