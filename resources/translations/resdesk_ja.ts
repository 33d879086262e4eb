<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>AccountTableModel</name>
    <message>
        <location filename="../../ui/accounts_panel.py" line="+95"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Removed</source>
        <translation>削除済</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled</source>
        <translation>停止中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Must change password</source>
        <translation>パスワード変更待ち</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>有効</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <location line="-47"/>
        <source>supervisor</source>
        <translation>責任者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <location line="+289"/>
        <source>Accounts</source>
        <translation>アカウント一覧</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add accou&amp;nt…</source>
        <translation>アカウントを追加(&amp;N)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add an account</source>
        <translation>アカウントを追加</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reset password…</source>
        <translation>パスワードを再設定(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the selected account&apos;s password</source>
        <translation>選んだアカウントのパスワードを再設定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Disable</source>
        <translation>停止(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable the selected account</source>
        <translation>選んだアカウントを停止</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Enable</source>
        <translation>再開(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable the selected account</source>
        <translation>選んだアカウントを再開</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Re&amp;move…</source>
        <translation>削除(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected account</source>
        <translation>選んだアカウントを削除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change r&amp;ole…</source>
        <translation>役割を変更(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the selected account&apos;s role</source>
        <translation>選んだアカウントの役割を変更</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Accounts message</source>
        <translation>アカウント操作のメッセージ</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Account {account} added. Give the initial password to the person in person; they must change it at their first login.</source>
        <translation>アカウント {account} を追加しました。初期パスワードは本人に直接手渡してください。最初のログインで本人が変更します。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New password for {account}</source>
        <translation>{account} の新しいパスワード</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New one-time password set for {account}. Give it to the person in person; they must change it at their next login.</source>
        <translation>{account} に新しい初期パスワードを設定しました。本人に直接手渡してください。次のログインで本人が変更します。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{account} is disabled and cannot log in.</source>
        <translation>{account} を停止しました。ログインできません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{account} can log in again.</source>
        <translation>{account} は再びログインできます。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove {account}? Its key slot is destroyed: the account can never log in again, and its name cannot be given to anyone else. The audit log keeps its entries.</source>
        <translation>{account} を削除しますか？鍵スロットが破棄され、このアカウントは二度とログインできません。同じ名前をほかの人に使うこともできません。操作ログの記録は残ります。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{account} is removed; its key slot is destroyed.</source>
        <translation>{account} を削除しました。鍵スロットは破棄されました。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{account} is now {role}.</source>
        <translation>{account} の役割を{role}にしました。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Please confirm</source>
        <translation>確認</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../ui/audit_viewer.py" line="+64"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation>ハッシュ</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location line="+60"/>
        <source>Account filter</source>
        <translation>アカウントで絞り込み</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action filter</source>
        <translation>操作で絞り込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dates</source>
        <translation>期間(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter by dates</source>
        <translation>期間で絞り込む</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First day</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last day</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Receipt number filter</source>
        <translation>受付番号で絞り込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number</source>
        <translation>受付番号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Show</source>
        <translation>表示(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the matching entries</source>
        <translation>条件に合う記録を表示</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Account</source>
        <translation>アカウント(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;ction</source>
        <translation>操作(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Receipt</source>
        <translation>受付番号(&amp;R)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Audit entries</source>
        <translation>監査ログの記録</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Verify chain</source>
        <translation>改ざん検査(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verify the audit chain</source>
        <translation>監査ログの改ざんを検査する</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;CSV…</source>
        <translation>CSV 出力(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the shown entries as CSV</source>
        <translation>表示中の記録を CSV で出力</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;PDF…</source>
        <translation>PDF 出力(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the shown entries as PDF</source>
        <translation>表示中の記録を PDF で出力</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chec&amp;kpoint…</source>
        <translation>チェックポイント(&amp;K)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Have the vault authority sign the chain&apos;s head, to keep off this PC</source>
        <translation>操作ログの最新の位置に署名し、このPCの外に保管するファイルを作る</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re-a&amp;nchor…</source>
        <translation>アンカーの再設定(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write a new anchor after a missing one, with the reason</source>
        <translation>なくなったアンカーを、理由を記録して作り直す</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Result of the chain check</source>
        <translation>改ざん検査の結果</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>All accounts</source>
        <translation>すべてのアカウント</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All actions</source>
        <translation>すべての操作</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No audit entry matches.</source>
        <translation>条件に合う記録はありません。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>it was changed after it was written</source>
        <translation>記録後に書き換えられています</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries before it were deleted</source>
        <translation>この前の記録が削除されています</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its number repeats or goes backwards</source>
        <translation>番号が重複しているか逆順です</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it does not follow the entry before it</source>
        <translation>直前の記録とつながっていません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries at the end were cut off</source>
        <translation>末尾の記録が削除されています</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the history from here on was rewritten</source>
        <translation>ここから後の記録が作り直されています</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its signature does not match a key the vault authority granted its account</source>
        <translation>署名が、このアカウントに認められた鍵と一致しません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not signed</source>
        <translation>署名がありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the anchor file is missing; compare with a checkpoint, then re-anchor</source>
        <translation>アンカーファイルがありません。チェックポイントと照合してから、アンカーを再設定してください</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit chain is broken at entry {seq} ({time}): {what}.</source>
        <translation>監査ログは記録 {seq}（{time}）で壊れています：{what}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit chain is empty.</source>
        <translation>監査ログに記録はありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit chain is intact: {count} entries; the latest is entry {seq} ({time}), hash {hash}.</source>
        <translation>監査ログに改ざんはありません：{count} 件、最新は記録 {seq}（{time}）、ハッシュ {hash}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Warning: there is no usable anchor file, so entries cut off the end cannot be detected.</source>
        <translation>注意：アンカーファイルが使えないため、末尾の記録の削除は検出できません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the audit log</source>
        <translation>監査ログの出力</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save the checkpoint</source>
        <translation>チェックポイントの保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkpoint files (*.json)</source>
        <translation>チェックポイントファイル (*.json)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Re-anchor the audit trail</source>
        <translation>操作ログのアンカーの再設定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What was checked, against which checkpoint kept off this PC? The reason is recorded in the audit log.</source>
        <translation>何を、このPCの外に保管したどのチェックポイントと照合しましたか。理由は操作ログに記録されます。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Checkpoint of entry {seq} saved to {path}: keep it off this PC (a USB stick or paper in the safe).</source>
        <translation>記録 {seq} までのチェックポイントを {path} に保存しました。このPCの外（金庫の USB メモリや紙）に保管してください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Give the reason for the new anchor.</source>
        <translation>アンカーを作り直す理由を入力してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new anchor names entry {seq}; the reason is in the audit log.</source>
        <translation>新しいアンカーは記録 {seq} を指しています。理由は操作ログに記録しました。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Wrote {path}: {count} entries.</source>
        <translation>{path} に {count} 件を出力しました。</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../ui/bar_chart.py" line="+106"/>
        <source>Chart of bookings and capacity</source>
        <translation>予約数と定員のグラフ</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{count} bars; {booked} booked of {capacity} seats</source>
        <translation>棒 {count} 本、定員 {capacity} 席に予約 {booked} 件</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>Attended</source>
        <translation>来場済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show</source>
        <translation>不来場</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still to come</source>
        <translation>来場予定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>定員</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>% = fill rate (booked / capacity)</source>
        <translation>% = 予約率（予約数 ÷ 定員）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{what}
Booked {booked} of {capacity} seats ({rate})
Attended {attended} · No-show {no_show} · Still to come {to_come}</source>
        <translation>{what}
定員 {capacity} 席に予約 {booked} 件（{rate}）
来場済 {attended}・不来場 {no_show}・来場予定 {to_come}</translation>
    </message>
</context>
<context>
    <name>BookingDesk</name>
    <message>
        <location filename="../../ui/booking_desk.py" line="+103"/>
        <source>Caller</source>
        <translation>予約者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name (kana)</source>
        <translation>姓（フリガナ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name (kana)</source>
        <translation>名（フリガナ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 090-1234-5678</source>
        <translation>例：090-1234-5678</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>hiragana or katakana</source>
        <translation>ひらがな・カタカナ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Family &amp;name</source>
        <translation>姓(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Given name</source>
        <translation>名(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family &amp;kana</source>
        <translation>姓フリガナ(&amp;K)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>G&amp;iven kana</source>
        <translation>名フリガナ(&amp;I)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Phone</source>
        <translation>電話番号(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No&amp;te</source>
        <translation>備考(&amp;T)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Change that booking instead</source>
        <translation>既存の予約を変更する</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Book anyway</source>
        <translation>このまま予約する</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Book (Ctrl+Enter)</source>
        <translation>予約する (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New call (Ctrl+N)</source>
        <translation>新規受付 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Booked — read this back to the caller</source>
        <translation>予約完了 — お客様に読み上げてください</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Book a companion on this call (Ctrl+Shift+N)</source>
        <translation>同行者も予約する (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next call (Ctrl+N)</source>
        <translation>次の受付へ (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>This caller may already be booked: {center} {date} ({weekday}) {time}, receipt number {receipt}.</source>
        <translation>この方はすでに予約済みの可能性があります：{center} {date}（{weekday}）{time}、受付番号 {receipt}。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Duplicate accepted: the booking will be made anyway.</source>
        <translation>重複を確認済み：このまま予約します。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a slot.</source>
        <translation>予約枠を選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{center} {date} {time}: {left} seats left</source>
        <translation>{center} {date} {time}：残り{left}席</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Book</source>
        <translation>予約の確認</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a slot first.</source>
        <translation>先に予約枠を選んでください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Decide about the possible duplicate first (change it, or book anyway).</source>
        <translation>先に重複の可能性への対応を決めてください（既存の予約を変更するか、このまま予約するか）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Book {name} into {center} {date} {time}?</source>
        <translation>{name} 様を {center} {date} {time} で予約しますか？</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Receipt number</source>
        <translation>受付番号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Booked {receipt} ({center} {date} {time}).</source>
        <translation>予約しました：受付番号 {receipt}（{center} {date} {time}）。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Companion of {receipt}: same phone; type the second person&apos;s name.</source>
        <translation>{receipt} の同行者：電話番号は同じです。2人目のお名前を入力してください。</translation>
    </message>
</context>
<context>
    <name>CallbackPanel</name>
    <message>
        <location filename="../../ui/callbacks.py" line="+141"/>
        <source>These bookings are in slots that were closed. Call each person, offer another slot, and record what they chose. Unreachable ones stay on the list.</source>
        <translation>これらの予約は休止した予約枠に入っています。各予約者に電話して別の予約枠を案内し、結果を記録してください。つながらなかった予約はリストに残ります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show &amp;finished call-backs too</source>
        <translation>完了した連絡も表示(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show finished call-backs too</source>
        <translation>完了した連絡も表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh the call-back list</source>
        <translation>折り返し連絡リストを更新</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Call-backs</source>
        <translation>折り返し連絡</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Note on the call</source>
        <translation>連絡メモ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note on the call (optional)</source>
        <translation>連絡メモ（任意）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note</source>
        <translation>メモ(&amp;N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re&amp;book…</source>
        <translation>振替…(&amp;B)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move the booking, then record</source>
        <translation>予約を別の予約枠へ移して記録</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Cancelled</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel the booking</source>
        <translation>予約を取り消す</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Unreachable</source>
        <translation>不通(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No answer; call again</source>
        <translation>つながらない。あとで再連絡</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Kept (slot reopened)</source>
        <translation>そのまま（予約枠再開）(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The slot was reopened; the booking stays</source>
        <translation>予約枠が再開されたので予約はそのまま</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>No one to call back.</source>
        <translation>折り返し連絡が必要な予約はありません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel booking {receipt}? The seat is freed and this cannot be undone here.</source>
        <translation>予約 {receipt} を取り消しますか？ 席は空きになり、この画面からは元に戻せません。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Call-back {number} ({receipt}): {outcome}.</source>
        <translation>連絡 {number}（{receipt}）：{outcome}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The booking is still in the closed slot: use Rebook… to move it.</source>
        <translation>予約はまだ休止中の予約枠にあります。「振替…」で移してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its slot is still closed: rebook the person, or ask a supervisor.</source>
        <translation>予約枠はまだ休止中です。振替するか、責任者に相談してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone has already recorded this call-back; refresh the list.</source>
        <translation>この連絡は既にほかの人が記録しました。リストを更新してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The booking was moved meanwhile; record Rebooked or Cancelled.</source>
        <translation>予約はその間に移動されています。「振替」か「取消」を記録してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Please confirm</source>
        <translation>確認</translation>
    </message>
</context>
<context>
    <name>CallbackTableModel</name>
    <message>
        <location line="-261"/>
        <source>To call</source>
        <translation>未連絡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebooked</source>
        <translation>振替済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unreachable, call again</source>
        <translation>不通（再連絡）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept (slot reopened)</source>
        <translation>そのまま（予約枠再開）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>受付番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original slot</source>
        <translation>元の予約枠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>休止理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(erased)</source>
        <translation>（消去済）</translation>
    </message>
</context>
<context>
    <name>CallerField</name>
    <message>
        <location filename="../../ui/booking_desk.py" line="-454"/>
        <source>Required.</source>
        <translation>入力してください。</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../ui/search_panel.py" line="+71"/>
        <source>Cancel booking {receipt}</source>
        <translation>予約 {receipt} の取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel booking {receipt} ({center}, {date} {start})? The seat is freed; the receipt number is not issued again.</source>
        <translation>予約 {receipt}（{center}、{date} {start}）を取り消しますか？席は空きに戻ります。この受付番号が再び発行されることはありません。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reason for the cancellation</source>
        <translation>取消の理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason (optional), e.g. caller is unwell</source>
        <translation>理由（任意） 例：体調不良のため</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel &amp;booking</source>
        <translation>予約を取り消す(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the booking</source>
        <translation>予約を取り消す</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Keep booking</source>
        <translation>取り消さない(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the booking</source>
        <translation>予約を取り消さない</translation>
    </message>
</context>
<context>
    <name>CandidateListModel</name>
    <message>
        <location filename="../../ui/verification_panel.py" line="+117"/>
        <source>(erased)</source>
        <translation>（消去済み）</translation>
    </message>
</context>
<context>
    <name>CenterListModel</name>
    <message>
        <location filename="../../ui/models.py" line="+51"/>
        <source>{name}
Today {today} · week {week} seats left</source>
        <translation>{name}
本日 残り{today}席・今週 残り{week}席</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: {today} seats left today, {week} this week</source>
        <translation>{name}：本日の残り{today}席、今週の残り{week}席</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/login.py" line="+139"/>
        <source>Choose your own password</source>
        <translation>自分のパスワードの設定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a one-time initial password. Choose your own (10 characters or more).</source>
        <translation>これは一度だけ使える初期パスワードです。自分のパスワード（10文字以上）を設定してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repeat the new password</source>
        <translation>新しいパスワード（確認）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New password</source>
        <translation>新しいパスワード(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat</source>
        <translation>確認(&amp;R)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose another password: 10 characters or more, not the account name, not a common password.</source>
        <translation>別のパスワードにしてください（10文字以上、アカウント名やよく使われるものは不可）。</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <location filename="../../ui/first_run.py" line="+214"/>
        <source>No vault on this PC yet</source>
        <translation>このPCにはまだ予約データがありません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no vault at {path}.</source>
        <translation>{path} に予約データがありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Create a new vault (first start of a contract)</source>
        <translation>新しい予約データを作成する（契約開始時）(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open an existing vault file</source>
        <translation>既存の予約データのファイルを開く(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore a backup (resdesk-backup-… folder)</source>
        <translation>バックアップから復元する（resdesk-backup-… フォルダ）(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new vault</source>
        <translation>新しい予約データを作成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open an existing vault file</source>
        <translation>既存の予約データのファイルを開く</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup</source>
        <translation>バックアップから復元</translation>
    </message>
</context>
<context>
    <name>ContractPage</name>
    <message>
        <location line="+102"/>
        <source>The contract</source>
        <translation>契約</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The handover, the erasure certificate and the reminders use these facts. You can set or change them later under Contract.</source>
        <translation>引き渡し、消去証明書、お知らせの表示にこの情報を使います。あとから「契約」で設定・変更できます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Contractor</source>
        <translation>受託者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ward (client)</source>
        <translation>区（委託者）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract start</source>
        <translation>契約開始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract end</source>
        <translation>契約終了日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retention end</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skip the year-end closure (12/29–1/3) when making slots</source>
        <translation>予約枠を作るとき年末年始（12/29〜1/3）を除く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year-end closure</source>
        <translation>年末年始の休止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Contractor</source>
        <translation>受託者(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ward (client)</source>
        <translation>区（委託者）(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract &amp;start</source>
        <translation>契約開始日(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract &amp;end</source>
        <translation>契約終了日(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Retention end (handover and erasure by)</source>
        <translation>保管期限（引き渡しと消去の期限）(&amp;R)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The contract ends before it starts; check the two dates.</source>
        <translation>契約終了日が開始日より前です。2つの日付を確認してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The retention end must not be before the contract&apos;s end.</source>
        <translation>保管期限は契約終了日より前にできません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the contractor and the ward on one line each.</source>
        <translation>受託者と区をそれぞれ1行で入力してください。</translation>
    </message>
</context>
<context>
    <name>ContractPanel</name>
    <message>
        <location filename="../../ui/contract_panel.py" line="+88"/>
        <source>Contract</source>
        <translation>契約</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contractor</source>
        <translation>受託者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client (ward)</source>
        <translation>委託元（区）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contract start</source>
        <translation>契約開始日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contract end</source>
        <translation>契約終了日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand over and erase by</source>
        <translation>引渡し・消去の期限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close 12/29–1/3 when generating slots</source>
        <translation>予約枠を作るとき 12/29〜1/3 を休止にする</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year-end closure</source>
        <translation>年末年始の休止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contractor:</source>
        <translation>受託者：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client (ward):</source>
        <translation>委託元（区）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract start:</source>
        <translation>契約開始日：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract end:</source>
        <translation>契約終了日：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand over and erase by:</source>
        <translation>引渡し・消去の期限：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save the contract</source>
        <translation>契約を保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the contract</source>
        <translation>契約を保存</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Back up now…</source>
        <translation>今すぐバックアップ(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up now</source>
        <translation>今すぐバックアップ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>End of contract</source>
        <translation>契約終了</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export the &amp;handover package…</source>
        <translation>引渡しパッケージを作成(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the handover package</source>
        <translation>引渡しパッケージを作成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Erase the vault…</source>
        <translation>予約データを消去(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+318"/>
        <source>Erase the vault</source>
        <translation>予約データを消去</translation>
    </message>
    <message>
        <location line="-312"/>
        <location line="+11"/>
        <source>Register of copies</source>
        <translation>写しの管理簿</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Every file that left the vault. Close each copy when it is destroyed or handed over; the vault can be erased only when none is open.</source>
        <translation>予約データから書き出したすべてのファイルです。廃棄または引渡しをしたら記録してください。未処理の写しが残っている間は予約データを消去できません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>作成者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where</source>
        <translation>保存先</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Mark &amp;destroyed…</source>
        <translation>廃棄済みにする(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark destroyed</source>
        <translation>廃棄済みにする</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark handed &amp;over…</source>
        <translation>引渡し済みにする(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark handed over</source>
        <translation>引渡し済みにする</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Who is in it?</source>
        <translation>含まれる人(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is in this copy</source>
        <translation>この写しに含まれる人</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>handover</source>
        <translation>引渡しパッケージ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit export</source>
        <translation>監査ログの書き出し</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disclosure</source>
        <translation>開示書</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>correction notice</source>
        <translation>訂正通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>call-back list</source>
        <translation>折り返し電話リスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day roster</source>
        <translation>当日名簿</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>open</source>
        <translation>未処理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>destroyed</source>
        <translation>廃棄済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>handed over</source>
        <translation>引渡済</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>open (incomplete)</source>
        <translation>未処理（書き込み未完了）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Last backup: {when}.</source>
        <translation>最後のバックアップ：{when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No backup has been made yet.</source>
        <translation>まだバックアップがありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make a backup: the last one is more than a day old.</source>
        <translation>最後のバックアップから1日以上たっています。バックアップを取ってください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When the contract ends: export the handover package for the ward, close every copy in the register, then erase the vault.</source>
        <translation>契約終了時：区に渡す引渡しパッケージを作成し、管理簿の写しをすべて処理してから、予約データを消去します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The contract has ended: export the handover package for the ward.</source>
        <translation>契約が終了しました。区に渡す引渡しパッケージを作成してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The handover was exported on {day}: close the open copies and erase the vault.</source>
        <translation>{day} に引渡しパッケージを作成しました。未処理の写しを処理し、予約データを消去してください。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{n} open copies; {people} people&apos;s data counted once per copy.</source>
        <translation>未処理の写し {n} 件（延べ {people} 人分のデータ）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The contract&apos;s facts were saved.</source>
        <translation>契約の情報を保存しました。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write dates like 2027-03-31.</source>
        <translation>日付は 2027-03-31 のように入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The contract ends before it starts; check the two dates.</source>
        <translation>契約終了日が開始日より前です。日付を確認してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The hand-over-and-erase date must not be before the contract&apos;s end.</source>
        <translation>引渡し・消去の期限は契約終了日より前にできません。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not done</source>
        <translation>実行できませんでした</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the backup drive or folder</source>
        <translation>バックアップ先のドライブまたはフォルダを選択</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backed up and verified: {folder}</source>
        <translation>バックアップして検証しました：{folder}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close copy #{n}</source>
        <translation>写し #{n} の処理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How was it destroyed, or who received it? (optional)</source>
        <translation>廃棄の方法、または受け取った人（任意）：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copy #{n} holds {people} people&apos;s data.</source>
        <translation>写し #{n} には {people} 人分のデータが含まれています。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>More than 1,000 people: if it is lost, report the leak to the Personal Information Protection Commission (preliminary report within 3 to 5 days).</source>
        <translation>1,000人を超えています。紛失した場合は個人情報保護委員会への漏えい等報告が必要です（速報は3〜5日以内）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who is in it</source>
        <translation>含まれる人</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Handover package</source>
        <translation>引渡しパッケージ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The package is in {folder} ({n} reservations). Give the ward the folder and, separately, the password. Then mark this copy handed over in the register.</source>
        <translation>パッケージを {folder} に作成しました（予約 {n} 件）。フォルダを区に渡し、パスワードは別の経路で伝えてください。その後、管理簿でこの写しを引渡し済みにしてください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Erase the vault now? This cannot be undone.</source>
        <translation>予約データを今すぐ消去しますか？元に戻せません。</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ui/dashboard.py" line="+194"/>
        <source>First day</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last day</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Center</source>
        <translation>地域センター</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Per &amp;day</source>
        <translation>日別(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show per day</source>
        <translation>日別に表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per cen&amp;ter</source>
        <translation>センター別(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show per center</source>
        <translation>地域センター別に表示</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save chart as &amp;PNG…</source>
        <translation>グラフを PNG で保存(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the chart as a PNG picture</source>
        <translation>グラフを PNG 画像として保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save table as &amp;CSV…</source>
        <translation>表を CSV で保存(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the table as a CSV file</source>
        <translation>表を CSV ファイルとして保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pe&amp;riod</source>
        <translation>期間(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;enter</source>
        <translation>地域センター(&amp;E)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Capacity</source>
        <translation>定員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked</source>
        <translation>予約数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill rate</source>
        <translation>予約率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attended</source>
        <translation>来場済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show</source>
        <translation>不来場</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still to come</source>
        <translation>来場予定</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Statistics table</source>
        <translation>統計の表</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+69"/>
        <source>All centers</source>
        <translation>すべての地域センター</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>The last day is before the first day.</source>
        <translation>終了日が開始日より前です。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No slots in this period.</source>
        <translation>この期間に予約枠はありません。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save statistics</source>
        <translation>統計を保存</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Saved the chart to {path}.</source>
        <translation>グラフを {path} に保存しました。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved {rows} rows to {path}.</source>
        <translation>{rows} 行を {path} に保存しました。</translation>
    </message>
</context>
<context>
    <name>DaySlotModel</name>
    <message>
        <location filename="../../ui/slot_planning.py" line="+187"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Booked / capacity</source>
        <translation>予約数 / 定員</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>受付中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>休止</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/first_run.py" line="+335"/>
        <source>The vault is ready</source>
        <translation>予約データの準備ができました</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Press Finish to start working as the supervisor. Everything skipped here can be done later from the window.</source>
        <translation>「完了」を押すと責任者として作業を始めます。省略した手順はあとから画面で行えます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One-time passwords: give each person theirs in person, on paper; never by e-mail or chat. They choose their own at their first login. They are not shown again.</source>
        <translation>初回用パスワード：本人に紙で直接渡してください。メールやチャットでは送らないでください。初回ログイン時に各自が自分のパスワードを設定します。この画面は二度と表示されません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Accounts and their one-time passwords</source>
        <translation>アカウントと初回用パスワード</translation>
    </message>
</context>
<context>
    <name>ErasureDialog</name>
    <message>
        <location filename="../../ui/contract_panel.py" line="+88"/>
        <source>Erase the vault</source>
        <translation>予約データを消去</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Erasure destroys the key file and then the database: nobody can open this vault again. Do it only after the ward has received the handover package. A certificate is written for signing; backups and paper recovery sheets listed on it must then be destroyed under witness.</source>
        <translation>消去すると鍵ファイルとデータベースが破棄され、誰もこの予約データを開けなくなります。区が引渡しパッケージを受け取った後にだけ行ってください。署名用の消去証明書を作成します。証明書に載るバックアップと紙の復旧シートは、立会いのもとで廃棄してください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Your password</source>
        <translation>あなたのパスワード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your password:</source>
        <translation>あなたのパスワード：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type ERASE</source>
        <translation>ERASE と入力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type ERASE:</source>
        <translation>ERASE と入力：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate file</source>
        <translation>証明書のファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the certificate file</source>
        <translation>証明書の保存先を選択</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Certificate (PDF):</source>
        <translation>消去証明書（PDF）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase anyway (the reason goes on the certificate)</source>
        <translation>それでも消去する（理由を証明書に記載）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase anyway</source>
        <translation>それでも消去する</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Enter your password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type ERASE in capitals to confirm.</source>
        <translation>確認のため大文字で ERASE と入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose where the certificate is saved.</source>
        <translation>証明書の保存先を選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve the problems listed above, or erase anyway.</source>
        <translation>上の問題を解決するか、「それでも消去する」を選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the reason for erasing anyway.</source>
        <translation>それでも消去する理由を入力してください。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/first_run.py" line="-618"/>
        <source>Welcome to {app}</source>
        <translation>{app} へようこそ</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Skip this step</source>
        <translation>この手順を省略(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finish</source>
        <translation>完了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue</source>
        <translation>続ける</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip this step</source>
        <translation>この手順を省略</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Write down or print the recovery key and tick the box first.</source>
        <translation>先に復旧キーを書き写すか印刷して、チェックを入れてください。</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/contract_panel.py" line="-137"/>
        <source>Export the handover package</source>
        <translation>引渡しパッケージを作成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New or empty folder</source>
        <translation>新しい（空の）フォルダ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder</source>
        <translation>フォルダを選択</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New or empty folder:</source>
        <translation>新しい（空の）フォルダ：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Package password</source>
        <translation>パッケージのパスワード</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat the password</source>
        <translation>パスワード（確認）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package password:</source>
        <translation>パッケージのパスワード：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat the password:</source>
        <translation>パスワード（確認）：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a new or empty folder.</source>
        <translation>新しいフォルダか空のフォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password needs at least 12 characters.</source>
        <translation>パスワードは12文字以上にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ui/help.py" line="+65"/>
        <source>Help</source>
        <translation>ヘルプ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Help text</source>
        <translation>ヘルプの本文</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This help</source>
        <translation>このヘルプ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking desk</source>
        <translation>予約受付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find, change, cancel</source>
        <translation>検索・変更・取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification line (calls from support workers)</source>
        <translation>来場確認（支援員からの電話）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification line: mark the visitor attended</source>
        <translation>来場確認：来場済にする</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call-backs for bookings in closed slots</source>
        <translation>折り返し電話（休止した予約枠の予約）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit log (supervisors: everyone&apos;s, with export)</source>
        <translation>操作ログ（責任者は全員分を表示・出力）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts (supervisors only)</source>
        <translation>アカウント管理（責任者のみ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slot planning (supervisors only)</source>
        <translation>予約枠の計画（責任者のみ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics (supervisors only)</source>
        <translation>統計（責任者のみ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract, copies, backups, handover, erasure (supervisors)</source>
        <translation>契約・写しの管理・バックアップ・引渡し・消去（責任者）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification line: reveal the masked name (recorded)</source>
        <translation>来場確認：伏せた氏名を表示（記録されます）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the center list / the calendar</source>
        <translation>地域センター一覧／カレンダーへ移動</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrows in the calendar</source>
        <translation>カレンダーで矢印キー</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left/Right: a day, Up/Down: a week</source>
        <translation>←→：1日、↑↓：1週間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next field, in the order of the call</source>
        <translation>次の入力欄へ（通話で聞く順）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book (asks once)</source>
        <translation>予約する（確認は1回）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book a companion on the same call (same phone)</source>
        <translation>同じ電話で同行者を予約（同じ電話番号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next call: clear the form</source>
        <translation>次の受付：入力欄をクリア</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Search box</source>
        <translation>検索欄</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Save a correction of name, kana or phone</source>
        <translation>氏名・フリガナ・電話番号の訂正を保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the booking to another slot (number stays)</source>
        <translation>予約を別の枠に変更（受付番号はそのまま）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the booking (asks for a reason)</source>
        <translation>予約を取り消す（理由を入力）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last change while its notice is shown</source>
        <translation>お知らせの表示中に直前の変更を元に戻す</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the window (it also locks after 5 idle minutes)</source>
        <translation>画面をロック（5分間操作がないと自動でロック）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find and change: copy the name or phone (cleared after 30 s)</source>
        <translation>検索・変更：氏名または電話番号をコピー（30秒後に消去）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a receipt number (with or without hyphen), a phone number or its last 4 digits, a kana reading or the start of a name. Full-width digits are fine.</source>
        <translation>受付番号（ハイフンはあってもなくても可）、電話番号またはその下4桁、フリガナ、氏名の先頭を入力します。全角数字も使えます。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The user guide (user-guide.{language}.md) is missing here.</source>
        <translation>利用の手引き（user-guide.{language}.md）がこのインストールに見つかりません。</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <location filename="../../ui/slot_planning.py" line="+24"/>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Center</source>
        <translation>地域センター</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>定員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{time}, {capacity} seats, {booked} booked</source>
        <translation>{time}、定員 {capacity}、予約 {booked}</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../ui/lock.py" line="+218"/>
        <source>Locked</source>
        <translation>ロック中</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The window was locked to protect residents&apos; data. Enter the password of {account} to continue where you left off.</source>
        <translation>住民の個人情報を守るため、画面をロックしました。{account} のパスワードを入力すると、中断したところから続けられます。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Password of {account}</source>
        <translation>{account} のパスワード</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Unlock</source>
        <translation>ロック解除(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in as &amp;another account…</source>
        <translation>別のアカウントでログイン(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log in as another account</source>
        <translation>別のアカウントでログイン</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Enter the password to unlock.</source>
        <translation>ロックを解除するにはパスワードを入力してください。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="-149"/>
        <source>Log in — {app}</source>
        <translation>ログイン — {app}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vault: {name}</source>
        <translation>予約データ：{name}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Account</source>
        <translation>アカウント(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the recovery &amp;sheet…</source>
        <translation>復旧キーで開く(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the vault with the recovery sheet</source>
        <translation>復旧キーで予約データを開く</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The initial password must be changed before work.</source>
        <translation>業務を始める前に初期パスワードを変更してください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A replacement of the data key was finished</source>
        <translation>データ鍵の交換を完了しました</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+99"/>
        <source>operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>supervisor</source>
        <translation>責任者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{app} — {account} ({role}) — {vault}</source>
        <translation>{app} — {account}（{role}）— {vault}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DEMO — fictitious data, not a real vault</source>
        <translation>デモ — 架空のデータです（実際の予約データではありません）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Booking desk</source>
        <translation>予約受付(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find and change</source>
        <translation>検索・変更(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verification line</source>
        <translation>来場確認(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call-&amp;backs</source>
        <translation>折り返し(&amp;B)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Audit log</source>
        <translation>操作ログ(&amp;A)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Acco&amp;unts</source>
        <translation>アカウント(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slot &amp;planning</source>
        <translation>予約枠の計画(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;tatistics</source>
        <translation>統計(&amp;T)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Contract and &amp;copies</source>
        <translation>契約・写しの管理(&amp;C)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Logged in: {account} ({role}) · vault: {vault}</source>
        <translation>ログイン中：{account}（{role}）・予約データ：{vault}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Open the tab</source>
        <translation>タブを開く</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The contract ended on {day}: the data must be handed over to the ward and then erased.</source>
        <translation>契約は {day} に終了しました。データを区に引き渡し、その後消去してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The contract ended on {day} and the handover was exported: erase the vault.</source>
        <translation>契約は {day} に終了し、引渡しパッケージも作成済みです。予約データを消去してください。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The last backup was made on {when}; make one today.</source>
        <translation>最後のバックアップは {when} です。今日のバックアップを取ってください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No backup has been made yet; make one today.</source>
        <translation>まだバックアップがありません。今日のバックアップを取ってください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The erasure stopped</source>
        <translation>消去が中断しました</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The erasure stopped part-way and the vault is closed. The window closes now; start the application again to see what is left.</source>
        <translation>消去が途中で止まり、予約データは閉じられました。画面を閉じます。アプリを起動し直して、残っているものを確認してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The vault is erased</source>
        <translation>予約データを消去しました</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vault is erased. Print the certificate {path}, have it signed, and destroy the backups and paper recovery sheets it lists under witness. The window closes now.</source>
        <translation>予約データを消去しました。消去証明書 {path} を印刷して署名を受け、証明書に載るバックアップと紙の復旧シートを立会いのもとで廃棄してください。画面を閉じます。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock the window</source>
        <translation>画面をロック(&amp;L)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language (after restart)</source>
        <translation>表示言語（再起動後に反映）(&amp;L)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Idle lock time (all seats)…</source>
        <translation>自動ロックまでの時間（全席）(&amp;I)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help and shortcuts</source>
        <translation>ヘルプとショートカット(&amp;H)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About Reservation Desk</source>
        <translation>Reservation Desk について(&amp;A)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Idle lock</source>
        <translation>自動ロック</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes without input before a window locks (1–60):</source>
        <translation>操作がないまま画面をロックするまでの分数（1〜60）：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Windows now lock after {n} minutes without input.</source>
        <translation>今後、{n}分間操作がないと画面をロックします。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{app} {version}

Offline, encrypted booking desk for in-person support sessions.

Vault: {vault}
Python {python}, Qt for Python {qt}</source>
        <translation>{app} {version}

対面支援の予約を受け付ける、オフラインで暗号化された予約受付アプリです。

予約データ：{vault}
Python {python}、Qt for Python {qt}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>About Reservation Desk</source>
        <translation>Reservation Desk について</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>The question that was open when the window locked was closed; nothing was changed. Do it again if it is still needed.</source>
        <translation>ロックしたときに開いていた確認は閉じました。何も変更されていません。必要ならもう一度操作してください。</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../ui/move_dialog.py" line="+30"/>
        <source>Move booking {receipt}</source>
        <translation>予約 {receipt} の枠の変更</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Now: {center}, {date} {start}–{end}.
The receipt number {receipt} stays the same after the move; tell the caller.</source>
        <translation>現在：{center}、{date} {start}–{end}。
変更後も受付番号 {receipt} は変わりません。お客様にお伝えください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>New slot</source>
        <translation>変更後の予約枠</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Move</source>
        <translation>変更する(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to the chosen slot</source>
        <translation>選んだ枠に変更する</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the booking where it is</source>
        <translation>変更しない</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Choose a center, a day and a time.</source>
        <translation>地域センター、日付、時間帯を選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That is the booking&apos;s current slot.</source>
        <translation>現在の予約と同じ枠です。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move to: {center}, {date} {start}–{end}</source>
        <translation>変更先：{center}、{date} {start}–{end}</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <location filename="../../ui/accounts_panel.py" line="-368"/>
        <source>Add account</source>
        <translation>アカウントの追加</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Account name</source>
        <translation>アカウント名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Account &amp;name</source>
        <translation>アカウント名(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;ole</source>
        <translation>役割(&amp;O)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Required.</source>
        <translation>入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too long.</source>
        <translation>長すぎます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Account names may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>アカウント名に使えるのは英字・数字と「.」「_」「-」だけです。</translation>
    </message>
</context>
<context>
    <name>OpenPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="+580"/>
        <source>Open a vault file</source>
        <translation>予約データのファイルを開く</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the vault&apos;s .db file; its .keys file must be next to it. You log in on the next window.</source>
        <translation>予約データの .db ファイルを選んでください。同じ場所に .keys ファイルが必要です。次の画面でログインします。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vault file</source>
        <translation>予約データのファイル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the vault file</source>
        <translation>予約データのファイルを選択</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Vault file</source>
        <translation>予約データのファイル(&amp;V)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a vault</source>
        <translation>予約データを開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vault (*.db);;All files (*)</source>
        <translation>予約データ (*.db);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no file at that path.</source>
        <translation>その場所にファイルがありません。</translation>
    </message>
</context>
<context>
    <name>OperatorsPage</name>
    <message>
        <location line="-159"/>
        <source>Operator accounts</source>
        <translation>オペレーターのアカウント</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One account per person who answers the phone; never a shared one. Each gets a one-time password, shown on the last page.</source>
        <translation>電話を受ける人ごとに1つのアカウントを作ります（共用はしません）。各アカウントの初回用パスワードは最後のページに表示されます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Operator account names</source>
        <translation>オペレーターのアカウント名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. sato.k (one account name per line)</source>
        <translation>例：sato.k（1行に1つのアカウント名）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Account names, one per line: letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;. You can add more later under Accounts.</source>
        <translation>アカウント名を1行に1つ入力します。使えるのは英字・数字と「.」「_」「-」です。あとから「アカウント」で追加できます。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{name}: letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only.</source>
        <translation>{name}：使えるのは英字・数字と「.」「_」「-」だけです。</translation>
    </message>
</context>
<context>
    <name>PasswordDelay</name>
    <message>
        <location filename="../../ui/dialogs.py" line="+28"/>
        <source>Several failed attempts: please wait {n} seconds.</source>
        <translation>パスワードの誤りが続いたため、{n}秒お待ちください。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/accounts_panel.py" line="+25"/>
        <source>{account} must change this password at the next login. The account&apos;s old key slot is replaced.</source>
        <translation>{account} は次のログインでこのパスワードを変更します。このアカウントの古い鍵スロットは置き換えられます。</translation>
    </message>
</context>
<context>
    <name>PersonRequestsDialog</name>
    <message>
        <location filename="../../ui/person_requests.py" line="+55"/>
        <source>Resident&apos;s requests: booking {receipt}</source>
        <translation>本人からの請求：予約 {receipt}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Disclosure</source>
        <translation>開示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Prints everything held about this person for them: their bookings (also others with the same phone, name and kana), the operations on them and the registered copies that hold them.</source>
        <translation>この方について保有しているすべての情報を本人交付用に印刷します。予約（電話番号・氏名・フリガナが同じ他の予約も含む）、それらへの操作の記録、それらを含む書き出し済みの写しの一覧です。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the disclosure as a PDF</source>
        <translation>開示書をPDFで保存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Formal correction</source>
        <translation>訂正の請求</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+16"/>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Family name reading</source>
        <translation>姓（フリガナ）</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Given name reading</source>
        <translation>名（フリガナ）</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <location line="+31"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="-45"/>
        <location line="+30"/>
        <source>Why, without the person&apos;s name or phone</source>
        <translation>請求の理由（氏名・電話番号は書かないでください）</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Save &amp;disclosure PDF…</source>
        <translation>開示書をPDFで保存(&amp;D)…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Correct and save the confirmation…</source>
        <translation>訂正して通知書を保存(&amp;C)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the correction and the confirmation for the person</source>
        <translation>訂正を保存し、本人への訂正完了通知書を保存</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Erase personal data</source>
        <translation>個人データの消去</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Erases the name, kana, phone, note and cancel reason of this booking; its seat and status stay for the statistics. This cannot be undone.</source>
        <translation>この予約の氏名・フリガナ・電話番号・備考・取消理由を消去します。予約枠の席と状態は統計のために残ります。元に戻すことはできません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason for erasure</source>
        <translation>消去の理由</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the receipt number to confirm</source>
        <translation>確認のため受付番号を入力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Erase personal data</source>
        <translation>個人データを消去(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Erase this person&apos;s data</source>
        <translation>この方の個人データを消去</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receipt number</source>
        <translation>受付番号</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Booking {receipt}: {center}, {date} {start}, {status}.</source>
        <translation>予約 {receipt}：{center}、{date} {start}、{status}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The same person has {count} other booking(s).</source>
        <translation>同じ方の予約が他に {count} 件あります。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Personal data erased on {at} by {by}.</source>
        <translation>個人データは {at} に {by} が消去済みです。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save the disclosure</source>
        <translation>開示書の保存</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wrote {path}: {count} booking(s), {pages} page(s). Hand it to the person only.</source>
        <translation>{path} に保存しました：予約 {count} 件、{pages} ページ。本人にのみ交付してください。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+47"/>
        <source>Nothing to correct: change a field first.</source>
        <translation>訂正する内容がありません。先に項目を変更してください。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Save the confirmation for the person</source>
        <translation>訂正完了通知書の保存</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Corrected {receipt}; wrote the confirmation to {path}.</source>
        <translation>{receipt} を訂正し、訂正完了通知書を {path} に保存しました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the reason for the request, without the person&apos;s name, kana or phone.</source>
        <translation>請求の理由を入力してください（氏名・フリガナ・電話番号は書かないでください）。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Erased the personal data of booking {receipt}.</source>
        <translation>予約 {receipt} の個人データを消去しました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copies made before still hold this booking: {copies}. Destroy them and record it in the register.</source>
        <translation>以前に作成した写し {copies} には、この予約が消去前のまま含まれています。廃棄し、管理簿に記録してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Another window is reading the vault, so the erased values leave the vault&apos;s log file only when every window using the vault is closed.</source>
        <translation>別の画面が予約データを読み取り中のため、消去した値は、予約データを使うすべての画面を閉じたときにログファイルから消えます。</translation>
    </message>
</context>
<context>
    <name>PlanPreviewModel</name>
    <message>
        <location filename="../../ui/slot_planning.py" line="-120"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Holiday: {name}</source>
        <translation>祝日：{name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year-end closure</source>
        <translation>年末年始休業</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exception date</source>
        <translation>除外日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} exist already</source>
        <translation>{count} 枠は作成済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} already begun</source>
        <translation>{count} 枠は開始済み</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>曜日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New slots</source>
        <translation>新しい予約枠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Existing</source>
        <translation>既存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>RecoverWithSheetDialog</name>
    <message>
        <location filename="../../ui/recover.py" line="+31"/>
        <source>Open the vault with the recovery sheet</source>
        <translation>復旧キーで予約データを開く</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the recovery key from the sheet in the safe (spaces and line breaks do not matter). The supervisor named below gets a new password; the recovery is recorded in the operation log.</source>
        <translation>金庫に保管した用紙の復旧キーを入力してください（空白や改行は無視されます）。下の責任者アカウントに新しいパスワードを設定します。この操作は操作ログに記録されます。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recovery key</source>
        <translation>復旧キー</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Supervisor account</source>
        <translation>責任者アカウント</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repeat the new password</source>
        <translation>新しいパスワード（確認）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recovery &amp;key</source>
        <translation>復旧キー(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor &amp;account</source>
        <translation>責任者アカウント(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New password</source>
        <translation>新しいパスワード(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat</source>
        <translation>確認(&amp;R)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open the vault</source>
        <translation>予約データを開く</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Log in as {account} with the new password.</source>
        <translation>{account} と新しいパスワードでログインしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Then reset the passwords of: {names}.</source>
        <translation>その後、次のアカウントのパスワードを再設定してください：{names}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Group {group} on line {line} of the recovery key is mistyped; compare it with the sheet.</source>
        <translation>復旧キーの{line}行目・{group}番目のまとまりに入力誤りがあります。用紙と見比べてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recovery key has 80 characters (16 groups of 5); {n} were typed.</source>
        <translation>復旧キーは80文字（5文字×16まとまり）です。入力されたのは{n}文字です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This recovery key does not open the vault (another vault&apos;s, or an older sheet). Nothing was changed.</source>
        <translation>この復旧キーでは予約データを開けません（別の予約データのもの、または古い用紙です）。何も変更していません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That account is not an active supervisor; type a supervisor&apos;s name or a new name.</source>
        <translation>このアカウントは有効な責任者ではありません。責任者のアカウント名か、新しいアカウント名を入力してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Account names may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>アカウント名に使えるのは英字・数字と「.」「_」「-」だけです。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another password: 10 characters or more, not the account name, not a common password.</source>
        <translation>別のパスワードにしてください（10文字以上、アカウント名やよく使われるものは不可）。</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="-425"/>
        <source>The recovery sheet</source>
        <translation>復旧キー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next</source>
        <translation>次へ(&amp;N)</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <location filename="../../ui/new_vault.py" line="+138"/>
        <source>This is the vault&apos;s recovery key. It opens the data without any password. Write it down or print it now, keep it in the locked safe, and never store it on this PC. It will not be shown again.</source>
        <translation>これは予約データの復旧キーです。パスワードなしでデータを開くことができます。いま書き写すか印刷して、施錠できる金庫に保管してください。このPCには保存しないでください。この画面は二度と表示されません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recovery key</source>
        <translation>復旧キー</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Print…</source>
        <translation>印刷(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the recovery sheet</source>
        <translation>復旧キーを印刷</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>I have written down or printed the recovery key and put it in the locked safe</source>
        <translation>復旧キーを書き写した（または印刷した）用紙を、施錠した金庫に入れた</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The recovery key is in the safe</source>
        <translation>復旧キーは金庫に保管済み</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keep the sheet in the locked safe, in a sealed envelope.</source>
        <translation>用紙は封筒に入れて封をし、施錠できる金庫に保管してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never keep it on this PC, in e-mail, in a chat or as a photo; never copy it into a file.</source>
        <translation>このPC、メール、チャット、写真には絶対に残さないでください。ファイルに書き写すことも禁止です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is needed only when every supervisor password is lost or the key file is damaged; then type it at the login screen (Use the recovery sheet…). The fifth character of each group is a check character that catches typing mistakes.</source>
        <translation>使うのは、責任者全員のパスワードが分からなくなったときか、鍵ファイルが壊れたときだけです。その場合、ログイン画面の「復旧キーで開く」から入力します。各まとまりの5文字目は、入力誤りを見つけるための確認用の文字です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shred it when the vault has been erased at the end of the contract.</source>
        <translation>契約終了時に予約データを消去したら、この用紙もシュレッダーで廃棄してください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recovery sheet — {app}</source>
        <translation>復旧キー — {app}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vault: {name} — made on {date}</source>
        <translation>予約データ：{name} — 作成日 {date}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Not printed</source>
        <translation>印刷しませんでした</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This printer writes a file; the recovery key must never be stored in a file. Choose a paper printer, or write the key down by hand.</source>
        <translation>このプリンターはファイルに出力します。復旧キーをファイルに保存してはいけません。紙に印刷するプリンターを選ぶか、キーを手で書き写してください。</translation>
    </message>
</context>
<context>
    <name>RecoverySheetDialog</name>
    <message>
        <location line="+21"/>
        <source>Recovery sheet</source>
        <translation>復旧キー</translation>
    </message>
</context>
<context>
    <name>ReservationTableModel</name>
    <message>
        <location filename="../../ui/models.py" line="+226"/>
        <source>Receipt</source>
        <translation>受付番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Center</source>
        <translation>地域センター</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(erased)</source>
        <translation>（消去済）</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <location filename="../../ui/first_run.py" line="+552"/>
        <source>Restore a backup</source>
        <translation>バックアップから復元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The backup is copied to {path} and checked. Give the account and password of a supervisor in the backup: it must open the copy.</source>
        <translation>バックアップを {path} にコピーして検査します。バックアップに含まれる責任者のアカウント名とパスワードを入力してください。そのアカウントでコピーを開けることを確かめます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backup folder</source>
        <translation>バックアップのフォルダ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Choose the backup folder</source>
        <translation>バックアップのフォルダを選択</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backup &amp;folder</source>
        <translation>バックアップのフォルダ(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Account</source>
        <translation>アカウント(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Restore</source>
        <translation>復元(&amp;R)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The folder for the vault cannot be created.</source>
        <translation>予約データのフォルダを作成できません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No backup there: choose a resdesk-backup-… folder that holds vault.db and vault.db.keys.</source>
        <translation>そこにバックアップがありません。vault.db と vault.db.keys が入った resdesk-backup-… フォルダを選んでください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The backup is damaged; try an older backup.</source>
        <translation>バックアップが壊れています。より古いバックアップを試してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a supervisor can restore a backup; the copy was removed again. Log in with a supervisor&apos;s account.</source>
        <translation>バックアップを復元できるのは責任者だけです。コピーは削除しました。責任者のアカウントで入力してください。</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../ui/accounts_panel.py" line="+30"/>
        <source>Change role</source>
        <translation>役割の変更</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New role of {account}</source>
        <translation>{account} の新しい役割</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Role of {account}</source>
        <translation>{account} の役割</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="+72"/>
        <source>Search bookings</source>
        <translation>予約の検索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt number (1234-5678), phone or its last 4 digits, kana or name</source>
        <translation>受付番号（1234-5678）、電話番号またはその下4桁、フリガナ、氏名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Search</source>
        <translation>検索(&amp;S)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Center filter</source>
        <translation>地域センターで絞り込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All centers</source>
        <translation>すべての地域センター</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Center</source>
        <translation>地域センター(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Date</source>
        <translation>日付(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter by date</source>
        <translation>日付で絞り込む</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date filter</source>
        <translation>日付で絞り込み</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Status filter</source>
        <translation>状態で絞り込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked</source>
        <translation>予約済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attended</source>
        <translation>来場済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show</source>
        <translation>不来場</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tatus</source>
        <translation>状態(&amp;T)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Bookings found</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Booking details</source>
        <translation>予約の詳細</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name kana</source>
        <translation>姓（フリガナ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name kana</source>
        <translation>名（フリガナ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Family name</source>
        <translation>姓(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Given name</source>
        <translation>名(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family &amp;kana</source>
        <translation>姓フリガナ(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given k&amp;ana</source>
        <translation>名フリガナ(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone</source>
        <translation>電話番号(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note</source>
        <translation>備考(&amp;N)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save correction (Ctrl+S)</source>
        <translation>訂正を保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save note</source>
        <translation>備考を保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move… (Ctrl+M)</source>
        <translation>枠の変更… (Ctrl+M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel booking… (Ctrl+D)</source>
        <translation>予約の取消… (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reinstate</source>
        <translation>取消を解除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resident&apos;s request…</source>
        <translation>本人からの請求（開示・訂正・消去）…</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Copied. The clipboard is cleared in {seconds} seconds.</source>
        <translation>コピーしました。クリップボードは {seconds} 秒後に消去されます。</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Type a receipt number, a phone number (or its last 4), kana or a name.</source>
        <translation>受付番号、電話番号（または下4桁）、フリガナ、氏名のいずれかを入力してください。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>First {count} shown; scroll down for more.</source>
        <translation>先頭の{count}件を表示しています。続きは下へスクロールしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No booking found.</source>
        <translation>該当する予約はありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} found.</source>
        <translation>{count}件見つかりました。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{status} (reason: {reason})</source>
        <translation>{status}（理由：{reason}）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No booking chosen</source>
        <translation>予約が選ばれていません</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Receipt number {receipt}</source>
        <translation>受付番号 {receipt}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{center}, {date} {start}–{end}</source>
        <translation>{center}、{date} {start}–{end}</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Booking {receipt} corrected.</source>
        <translation>予約 {receipt} を訂正しました。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Note of booking {receipt} saved.</source>
        <translation>予約 {receipt} の備考を保存しました。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Booking {receipt} moved to {center}, {date} {start}; the receipt number stays the same.</source>
        <translation>予約 {receipt} を {center}、{date} {start} に変更しました。受付番号は変わりません。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Booking {receipt} cancelled.</source>
        <translation>予約 {receipt} を取り消しました。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reinstate booking {receipt} ({center}, {date} {start})?</source>
        <translation>予約 {receipt}（{center}、{date} {start}）の取消を解除しますか？</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Booking {receipt} reinstated.</source>
        <translation>予約 {receipt} の取消を解除しました。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Undone: booking {receipt} is as before.</source>
        <translation>元に戻しました：予約 {receipt} は変更前の状態です。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Please confirm</source>
        <translation>確認</translation>
    </message>
</context>
<context>
    <name>SlotPicker</name>
    <message>
        <location filename="../../ui/slot_picker.py" line="+60"/>
        <source>Centers</source>
        <translation>地域センター一覧</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Slots of the day</source>
        <translation>選択した日の予約枠</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Center</source>
        <translation>地域センター(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Day (arrows: day / week)</source>
        <translation>日付(&amp;D)（←→：1日／↑↓：1週間）</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{date} ({weekday})</source>
        <translation>{date}（{weekday}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{date} ({weekday}): no slots</source>
        <translation>{date}（{weekday}）：予約枠はありません</translation>
    </message>
</context>
<context>
    <name>SlotPlanningPanel</name>
    <message>
        <location filename="../../ui/slot_planning.py" line="+168"/>
        <source>Slot planning</source>
        <translation>予約枠の計画</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Generate slots</source>
        <translation>予約枠の作成(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close or &amp;reopen</source>
        <translation>休止・再開(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import CSV</source>
        <translation>CSV 取り込み(&amp;I)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+6"/>
        <source>Centers</source>
        <translation>地域センター</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>New center&apos;s name</source>
        <translation>新しい地域センターの名前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add center</source>
        <translation>地域センターを追加(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the center</source>
        <translation>地域センターを追加</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A center with this name exists already.</source>
        <translation>この名前の地域センターは既にあります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the new center&apos;s name first.</source>
        <translation>先に新しい地域センターの名前を入力してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added {name}.</source>
        <translation>{name}を追加しました。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>First day</source>
        <translation>初日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>最終日</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Day starts</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day ends</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes per slot</source>
        <translation>1枠の分数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>every</source>
        <translation>ごと</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+27"/>
        <source>Seats per slot</source>
        <translation>1枠の定員</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Close on public &amp;holidays</source>
        <translation>祝日は休止(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close on public holidays</source>
        <translation>祝日は休止</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Year-end closure 12/29–1/3</source>
        <translation>年末年始休業 12/29〜1/3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preset from the contract settings.</source>
        <translation>契約の設定から初期値を取っています。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Other days to leave out</source>
        <translation>ほかに除外する日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 2027-02-10, 2027-02-24</source>
        <translation>例：2027-02-10, 2027-02-24</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days of the week</source>
        <translation>曜日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily times</source>
        <translation>1日の時間帯</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also leave out</source>
        <translation>除外日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preview</source>
        <translation>プレビュー(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview the slots to create</source>
        <translation>作成する予約枠をプレビュー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Create slots</source>
        <translation>予約枠を作成(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the previewed slots</source>
        <translation>プレビューした予約枠を作成</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preview first: it lists every day, the holidays left out by name, and the slots that exist already (they stay as they are). Nothing is saved until you press Create slots.</source>
        <translation>まずプレビューしてください。日ごとの予約枠、除外する祝日（名称つき）、作成済みの予約枠（そのまま残します）を表示します。「予約枠を作成」を押すまで何も保存しません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview by day</source>
        <translation>日ごとのプレビュー</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The form changed: preview again.</source>
        <translation>入力が変わりました。もう一度プレビューしてください。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Created {slots} slots on {days} days at {center}.</source>
        <translation>{center}に {days} 日分、{slots} 枠の予約枠を作成しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{slots} slots on {days} days at {center} will be created.</source>
        <translation>{center}に {days} 日分、{slots} 枠の予約枠を作成します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} slots exist already and stay as they are.</source>
        <translation>{count} 枠は作成済みのため、そのままにします。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} days left out (holidays: {names}).</source>
        <translation>{count} 日を除外します（祝日：{names}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} days left out.</source>
        <translation>{count} 日を除外します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to create.</source>
        <translation>作成する予約枠はありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The first day must be today or later.</source>
        <translation>初日は今日以降にしてください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last day must not be before the first, and at most a year on.</source>
        <translation>最終日は初日以降、1年以内にしてください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick at least one day of the week.</source>
        <translation>曜日を1つ以上選んでください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not even one slot fits between the start and the end.</source>
        <translation>開始と終了の間に予約枠が1つも入りません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A slot lasts 5 to 480 minutes.</source>
        <translation>1枠は5分から480分です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seats per slot: 1 to {max}.</source>
        <translation>1枠の定員は1から{max}です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add or choose a center first.</source>
        <translation>先に地域センターを追加するか選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the days to leave out like 2027-02-10, separated by commas.</source>
        <translation>除外日は 2027-02-10 のように、カンマで区切って入力してください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Slots of the day</source>
        <translation>この日の予約枠</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason for closing</source>
        <translation>休止の理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. building inspection</source>
        <translation>例：館内設備点検のため</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close &amp;slot</source>
        <translation>この予約枠を休止(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the selected slot</source>
        <translation>選んだ予約枠を休止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close whole &amp;day</source>
        <translation>終日休止(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close every slot of the day</source>
        <translation>この日の予約枠をすべて休止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen slo&amp;t</source>
        <translation>この予約枠を再開(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen the selected slot</source>
        <translation>選んだ予約枠を再開</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen whole da&amp;y</source>
        <translation>終日再開(&amp;Y)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen every closed slot of the day</source>
        <translation>この日の休止中の予約枠をすべて再開</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>Call-back list</source>
        <translation>折り返し連絡リスト</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save as &amp;PDF…</source>
        <translation>PDF で保存…(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the call-back list as PDF</source>
        <translation>折り返し連絡リストを PDF で保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as CS&amp;V…</source>
        <translation>CSV で保存…(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the call-back list as CSV</source>
        <translation>折り返し連絡リストを CSV で保存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dat&amp;e</source>
        <translation>日付(&amp;E)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reas&amp;on</source>
        <translation>理由(&amp;O)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Close all {count} open slots of {day}? {booked} bookings will be put on the call-back list.</source>
        <translation>{day} の受付中の予約枠 {count} 枠をすべて休止しますか？ 予約 {booked} 件が折り返し連絡リストに入ります。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close the slot {time} on {day}? {booked} bookings will be put on the call-back list.</source>
        <translation>{day} {time} の予約枠を休止しますか？ 予約 {booked} 件が折り返し連絡リストに入ります。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Closed {closed} slots; {callbacks} bookings to call back.</source>
        <translation>{closed} 枠を休止しました。折り返し連絡が必要な予約は {callbacks} 件です。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reopened {count} slots.</source>
        <translation>{count} 枠を再開しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} call-backs for them are still open: operators record Kept or rebook.</source>
        <translation>これらの予約枠の折り返し連絡が {count} 件残っています。オペレーターが「そのまま」を記録するか、振替してください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say why the slot is closed: it is read to the people called back.</source>
        <translation>休止の理由を入力してください。折り返し連絡のときに予約者へ伝えます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A day in the past cannot be closed.</source>
        <translation>過去の日は休止できません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Call-back list: appears here after closing a slot or a day.</source>
        <translation>折り返し連絡リスト：予約枠または終日を休止すると、ここに表示されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call-back list for {what}: {count} bookings (reason: {reason})</source>
        <translation>折り返し連絡リスト（{what}）：{count} 件（理由：{reason}）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Saved {path}; it is entered in the register of copies.</source>
        <translation>{path} を保存しました。写しの管理簿に登録済みです。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The same CSV as &apos;resdesk slots import&apos;: center, date, start, end, capacity. Nothing is saved until you press Apply.</source>
        <translation>「resdesk slots import」と同じ CSV（地域センター、日付、開始、終了、定員）です。「適用」を押すまで何も保存しません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;hoose CSV file…</source>
        <translation>CSV ファイルを選ぶ…(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the CSV file to import</source>
        <translation>取り込む CSV ファイルを選ぶ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &amp;new centers named in the file</source>
        <translation>ファイルにある新しい地域センターを追加(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add new centers named in the file</source>
        <translation>ファイルにある新しい地域センターを追加</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the import will change</source>
        <translation>取り込みで変わる内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;pply</source>
        <translation>適用(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply the import</source>
        <translation>取り込みを適用</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>{new} new, {changed} changed, {same} unchanged</source>
        <translation>新規 {new}、変更 {changed}、変更なし {same}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; new centers: {names}</source>
        <translation>、新しい地域センター：{names}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{errors} lines have problems: fix the file and choose it again. Nothing will be imported while any line is wrong.</source>
        <translation>{errors} 行に問題があります。ファイルを直してから選び直してください。問題のある行がある間は何も取り込みません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Some centers are unknown: tick &apos;Add new centers&apos; if they are new.</source>
        <translation>登録されていない地域センターがあります。新しいセンターなら「新しい地域センターを追加」にチェックしてください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Imported: {new} new, {changed} changed, {same} unchanged.</source>
        <translation>取り込みました：新規 {new}、変更 {changed}、変更なし {same}。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Please confirm</source>
        <translation>確認</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the call-back list</source>
        <translation>折り返し連絡リストの保存</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose the slot CSV</source>
        <translation>予約枠の CSV を選ぶ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV (*.csv);;All files (*)</source>
        <translation>CSV (*.csv);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>SlotTableModel</name>
    <message>
        <location filename="../../ui/models.py" line="-183"/>
        <source>Time</source>
        <translation>時間帯</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seats left</source>
        <translation>残席</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed</source>
        <translation>休止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Begun</source>
        <translation>開始済</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full</source>
        <translation>満席</translation>
    </message>
</context>
<context>
    <name>SlotsPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="-518"/>
        <source>The first slots</source>
        <translation>最初の予約枠</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make the slots from a weekly pattern, or import the CSV file the ward sent. Holidays are skipped. You can plan more later under Slot planning.</source>
        <translation>曜日と時間帯のパターンから予約枠を作るか、区から届いたCSVファイルを取り込みます。祝日は除きます。あとから「予約枠の計画」で追加できます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Generate from a weekly pattern</source>
        <translation>曜日と時間帯から作成(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate slots</source>
        <translation>予約枠を作成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import a CSV file</source>
        <translation>CSVファイルを取り込む(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import slots from a CSV file</source>
        <translation>CSVファイルから予約枠を取り込む</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Center names, one per line</source>
        <translation>地域センター名（1行に1つ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One center per line</source>
        <translation>1行に1つの地域センター</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First day</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>First slot starts</source>
        <translation>最初の予約枠の開始時刻</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last slot ends</source>
        <translation>最後の予約枠の終了時刻</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minutes per slot</source>
        <translation>1枠の分数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seats per slot</source>
        <translation>1枠の定員</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Centers</source>
        <translation>地域センター(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From</source>
        <translation>開始日(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To</source>
        <translation>終了日(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days</source>
        <translation>曜日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hours</source>
        <translation>時間帯(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Every</source>
        <translation>間隔(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Se&amp;ats per slot</source>
        <translation>1枠の定員(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;hoose CSV file…</source>
        <translation>CSVファイルを選択(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the CSV file</source>
        <translation>CSVファイルを選択</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the import will add</source>
        <translation>取り込みで追加される内容</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The same CSV as &apos;resdesk slots import&apos;: center, date, start, end, capacity. The centers named in it are added.</source>
        <translation>「resdesk slots import」と同じCSV（地域センター、日付、開始、終了、定員）です。記載された地域センターは追加されます。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the slots CSV file</source>
        <translation>予約枠のCSVファイルを選択</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{new} new slots; new centers: {names}</source>
        <translation>新しい予約枠 {new} 件。新しい地域センター：{names}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{errors} lines have problems: fix the file and choose it again.</source>
        <translation>{errors} 行に問題があります。ファイルを修正してから選び直してください。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose the CSV file first, or skip this step.</source>
        <translation>先にCSVファイルを選ぶか、この手順を省略してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file has problems: fix it and choose it again.</source>
        <translation>ファイルに問題があります。修正してから選び直してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the name of at least one center, one per line.</source>
        <translation>地域センター名を1行に1つ、少なくとも1つ入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slots cannot be made in the past; start today or later.</source>
        <translation>過去の予約枠は作れません。今日以降の日付から始めてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last day must be after the first, at most a year later.</source>
        <translation>終了日は開始日より後、1年以内にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick at least one day of the week.</source>
        <translation>曜日を1つ以上選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last slot must end after the first one starts.</source>
        <translation>終了時刻は開始時刻より後にしてください。</translation>
    </message>
</context>
<context>
    <name>StatisticsTableModel</name>
    <message>
        <location filename="../../ui/dashboard.py" line="-365"/>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Center</source>
        <translation>地域センター</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>定員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked</source>
        <translation>予約数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill rate</source>
        <translation>予約率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attended</source>
        <translation>来場済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show</source>
        <translation>不来場</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still to come</source>
        <translation>来場予定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed slots</source>
        <translation>休止枠</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Total</source>
        <translation>合計</translation>
    </message>
</context>
<context>
    <name>SupervisorForm</name>
    <message>
        <location filename="../../ui/new_vault.py" line="-200"/>
        <source>The new vault will be created at {path}.</source>
        <translation>新しい予約データを {path} に作成します。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Supervisor account</source>
        <translation>責任者アカウント</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repeat the password</source>
        <translation>パスワード（確認）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervisor &amp;account</source>
        <translation>責任者アカウント(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password (10 characters or more)</source>
        <translation>パスワード（10文字以上）(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat the password</source>
        <translation>パスワード（確認）(&amp;R)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The folder for the vault cannot be created.</source>
        <translation>予約データのフォルダを作成できません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Account names may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>アカウント名に使えるのは英字・数字と「.」「_」「-」だけです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is too short: use at least 10 characters.</source>
        <translation>パスワードが短すぎます。10文字以上にしてください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another password (not the account name, not a common one).</source>
        <translation>別のパスワードにしてください（アカウント名やよく使われるものは使えません）。</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="-404"/>
        <source>The first supervisor</source>
        <translation>最初の責任者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account sets up the vault and adds the other accounts. Choose a password only you know, and add a second supervisor later so that each of you can reset the other&apos;s password.</source>
        <translation>このアカウントで予約データを設定し、ほかのアカウントを追加します。自分だけが知っているパスワードを選んでください。あとで2人目の責任者を追加しておくと、互いのパスワードをリセットできます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C&amp;reate the vault</source>
        <translation>予約データを作成(&amp;R)</translation>
    </message>
</context>
<context>
    <name>UndoToast</name>
    <message>
        <location filename="../../ui/toast.py" line="+31"/>
        <source>Notice</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Undo (Ctrl+Z)</source>
        <translation>元に戻す(&amp;U) (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
</context>
<context>
    <name>VerificationPanel</name>
    <message>
        <location filename="../../ui/verification_panel.py" line="+83"/>
        <source>Calling center</source>
        <translation>電話元のセンター</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calling &amp;center</source>
        <translation>電話元センター(&amp;C)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Day of the visit</source>
        <translation>来場日</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Day</source>
        <translation>日付(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Receipt number as heard</source>
        <translation>聞き取った受付番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1234-5678 as heard; Enter checks</source>
        <translation>聞き取ったとおり 1234-5678（Enter で照会）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Receipt number</source>
        <translation>受付番号(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check (Enter)</source>
        <translation>照会 (Enter)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Answer</source>
        <translation>照会結果</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Possible bookings (time and family name)</source>
        <translation>該当しうる予約（時間と姓）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+67"/>
        <source>Mark attended (F5)</source>
        <translation>来場を記録 (F5)</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>No-show</source>
        <translation>不来場</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reveal name (Ctrl+R)</source>
        <translation>氏名を表示 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo the attendance record</source>
        <translation>来場記録を元に戻す</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Confirm without the number</source>
        <translation>番号なしで確認</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading of the visitor&apos;s name (kana)</source>
        <translation>来場者の氏名の読み（かな）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. やまだ (hiragana or katakana)</source>
        <translation>例：やまだ（ひらがな・カタカナ）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 4 digits of the visitor&apos;s phone</source>
        <translation>来場者の電話番号の末尾4桁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 5678</source>
        <translation>例：5678</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confirm (Enter)</source>
        <translation>確認 (Enter)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Times of the matching bookings</source>
        <translation>該当する予約の時間</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Kana</source>
        <translation>フリガナ(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Last 4 digits of phone</source>
        <translation>電話番号の末尾4桁(&amp;L)</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+2"/>
        <source>Lost number: wider search</source>
        <translation>番号紛失：広く探す</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First kana of the reading</source>
        <translation>読みの最初のかな</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first kana, e.g. やま</source>
        <translation>最初のかな（例：やま）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 4 digits of the phone (optional)</source>
        <translation>電話番号の末尾4桁（任意）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last 4 digits (optional)</source>
        <translation>末尾4桁（任意）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search (Enter)</source>
        <translation>検索 (Enter)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bookings found (time and family name)</source>
        <translation>見つかった予約（時間と姓）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark selected attended (F5)</source>
        <translation>選んだ予約の来場を記録 (F5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kana &amp;prefix</source>
        <translation>読みの先頭(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last &amp;4</source>
        <translation>末尾4桁(&amp;4)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>End of day: mark no-shows…</source>
        <translation>終業：未来場を不来場にする…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print roster…</source>
        <translation>当日名簿を印刷…</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>(no center chosen)</source>
        <translation>（センター未選択）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working on: {center}, {date}</source>
        <translation>対応中：{center}、{date}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> — not today</source>
        <translation> — 今日ではありません</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{date} ({weekday})</source>
        <translation>{date}（{weekday}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the calling center first.</source>
        <translation>先に電話元のセンターを選んでください。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Type the receipt number as heard and press Enter. Without a number, confirm with kana + last 4 digits.</source>
        <translation>聞き取った受付番号を入力して Enter。番号がない場合は、フリガナと電話番号の末尾4桁で確認します。</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+327"/>
        <source>(erased)</source>
        <translation>（消去済み）</translation>
    </message>
    <message>
        <location line="-325"/>
        <source>Time: {start}–{end}</source>
        <translation>時間：{start}～{end}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status: {status}</source>
        <translation>状態：{status}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name: {name} / {kana}</source>
        <translation>氏名：{name} ／ {kana}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phone: ending {last4}</source>
        <translation>電話：末尾 {last4}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type the receipt number as heard.</source>
        <translation>聞き取った受付番号を入力してください。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>This number is booked at {center} on {date} at {time}.</source>
        <translation>この番号は {center} の {date} {time} の予約です。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not here on this day: send the visitor there.</source>
        <translation>この会場・この日の予約ではありません。予約先をご案内ください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This booking was cancelled: the number is no longer valid.</source>
        <translation>この予約は取り消されています。番号は無効です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No booking has this number: it was never issued.</source>
        <translation>この番号の予約はありません（発行されていない番号です）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ask for the number again, or confirm with kana + last 4 digits.</source>
        <translation>もう一度番号を聞くか、フリガナと電話番号の末尾4桁で確認してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Valid: booked here, {time}.</source>
        <translation>有効：この会場の {time} の予約です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already marked attended ({time}).</source>
        <translation>すでに来場済みです（{time}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marked as a no-show ({time}).</source>
        <translation>不来場として記録済みです（{time}）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A digit was misheard: this is not a valid receipt number.</source>
        <translation>聞き間違いがあります：正しい受付番号ではありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ask the visitor for their time, or confirm with kana + last 4 digits. Bookings here on this day one digit away (choose one once the time is confirmed):</source>
        <translation>来場者に予約の時間を聞くか、フリガナと電話番号の末尾4桁で確認してください。この会場・この日で1桁違いの予約（時間を確認してから選択）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No booking here on this day is one digit away: ask for the number again, or confirm with kana + last 4 digits.</source>
        <translation>この会場・この日に1桁違いの予約はありません。もう一度番号を聞くか、フリガナと電話番号の末尾4桁で確認してください。</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+70"/>
        <source>Type the last 4 digits of the phone.</source>
        <translation>電話番号の末尾4桁を入力してください。</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Matches one booking at this center {day}, {time}.</source>
        <translation>この会場の{day} {time} の予約1件と一致します。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No match at this center on this day. Check the reading and the digits.</source>
        <translation>この会場・この日に一致する予約はありません。読みと数字を確かめてください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Several match: ask the visitor for their time (or the full reading), then choose it: {times}.</source>
        <translation>複数の予約が一致します。来場者に時間（または氏名の読み全体）を聞いて選んでください：{times}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Type the first kana of the reading, the last 4 phone digits, or both.</source>
        <translation>読みの最初のかな、電話番号の末尾4桁、またはその両方を入力してください。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No booking found at this center on this day.</source>
        <translation>この会場・この日に該当する予約はありません。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Nothing to mark yet: check a number, confirm with kana + last 4 digits, or choose a booking.</source>
        <translation>まだ記録する予約がありません。番号を照会するか、フリガナと末尾4桁で確認するか、予約を選んでください。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Marked attended: {time}, {name}.</source>
        <translation>来場を記録しました：{time}、{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marked no-show: {time}, {name}.</source>
        <translation>不来場を記録しました：{time}、{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undone: {time}, {name} is booked again.</source>
        <translation>元に戻しました：{time}、{name} は予約済みに戻りました。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Full name: {name} / {kana}</source>
        <translation>氏名：{name} ／ {kana}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No booking of an ended slot is waiting: nothing to mark.</source>
        <translation>終了した枠に未記録の予約はありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mark the {count} remaining booking(s) of ended slots at {center} on {date} as no-show?</source>
        <translation>{center} の {date} の終了した枠で未来場の予約 {count} 件を不来場にしますか？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{count} booking(s) marked no-show.</source>
        <translation>{count} 件を不来場にしました。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The roster could not be saved: {detail}</source>
        <translation>名簿を保存できませんでした：{detail}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Roster saved: {path} ({pages} page(s)).</source>
        <translation>名簿を保存しました：{path}（{pages} ページ）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Please confirm</source>
        <translation>確認</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the roster</source>
        <translation>名簿の保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>_PasswordFields</name>
    <message>
        <location filename="../../ui/accounts_panel.py" line="-162"/>
        <source>One-time password</source>
        <translation>初期パスワード</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat the one-time password</source>
        <translation>初期パスワード（確認）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At least {length} characters (a few words are easy to remember); not the account name, not a common password.</source>
        <translation>{length}文字以上（いくつかの単語を並べると覚えやすい）。アカウント名やよくあるパスワードは使えません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>One-time &amp;password</source>
        <translation>初期パスワード(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat it</source>
        <translation>確認(&amp;R)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Too short: use at least {length} characters.</source>
        <translation>短すぎます。{length}文字以上にしてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too long.</source>
        <translation>長すぎます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password must not be the account name.</source>
        <translation>アカウント名をパスワードにはできません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This password is too common; choose another one.</source>
        <translation>よく使われるパスワードです。別のものにしてください。</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/crash.py" line="+71"/>
        <source>Something went wrong inside Reservation Desk. Bookings are saved whole or not at all, so nothing was saved half-way; a booking that was not confirmed on screen was not saved.

Check the last booking in the search tab, then carry on. If it happens again, close the window, start it again and tell the supervisor.</source>
        <translation>Reservation Desk の内部で問題が起きました。予約は全部保存されるか、まったく保存されないかのどちらかなので、途中まで保存されたものはありません。画面で確定を確認できなかった予約は保存されていません。

検索タブで直前の予約を確認してから、作業を続けてください。繰り返し起きる場合は、画面を閉じて起動し直し、責任者に伝えてください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A report without personal data was saved in {path}.</source>
        <translation>個人情報を含まない報告を {path} に保存しました。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/i18n.py" line="+53"/>
        <source>Not a Japanese mobile, landline or 050 number; check the digits.</source>
        <translation>国内の携帯電話・固定電話・050の番号になっていません。番号を確認してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the reading in kana (hiragana or katakana).</source>
        <translation>フリガナはひらがなかカタカナで入力してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required.</source>
        <translation>入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too long.</source>
        <translation>長すぎます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contains a character that cannot be stored; retype it.</source>
        <translation>保存できない文字が含まれています。入力し直してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check this field.</source>
        <translation>入力内容を確認してください。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This slot is full now; choose another slot.</source>
        <translation>この枠は満席になりました。別の枠を選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This slot is closed; choose another slot.</source>
        <translation>この枠は休止中です。別の枠を選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This slot has already begun; choose a later slot.</source>
        <translation>この枠はすでに始まっています。これより後の枠を選んでください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This caller may already have booking {receipt}.</source>
        <translation>この方はすでに予約（受付番号 {receipt}）をお持ちの可能性があります。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not a valid receipt number: a digit was misheard; ask again.</source>
        <translation>受付番号が正しくありません（聞き間違いの可能性があります）。もう一度お聞きください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A receipt number has 8 digits, like 1234-5678.</source>
        <translation>受付番号は 1234-5678 のような8桁の数字です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is the last active supervisor: add or enable another supervisor first.</source>
        <translation>有効な責任者はこのアカウントだけです。先に別の責任者を追加するか有効にしてください。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>An account with this name already exists.</source>
        <translation>同じ名前のアカウントがすでにあります。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>This name belonged to a removed account; choose another name.</source>
        <translation>この名前は削除済みのアカウントのものです。別の名前にしてください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This booking&apos;s status does not allow that change.</source>
        <translation>この予約の状態では、その変更はできません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The vault&apos;s accounts or audit trail were changed outside the application (a signature does not match); nothing was changed. A supervisor must check the audit log.</source>
        <translation>予約データのアカウント情報または操作ログが、このアプリケーションの外で変更されています（署名が一致しません）。何も変更していません。責任者が操作ログを確認してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A replacement of the data key was interrupted; a supervisor must log in to finish it and print the new recovery sheet.</source>
        <translation>データ鍵の交換が途中で中断されています。責任者がログインして交換を完了し、新しい復旧キーを印刷してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Too many failed attempts: this account name is locked until {time}. Try again then, or ask a supervisor to reset the password.</source>
        <translation>失敗が続いたため、このアカウント名は{time}までロックされています。その時刻以降にもう一度試すか、責任者にパスワードの再設定を依頼してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The account name or password is wrong.</source>
        <translation>アカウント名またはパスワードが違います。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your role does not allow this; ask a supervisor.</source>
        <translation>この操作を行う権限がありません。責任者に依頼してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not found.</source>
        <translation>見つかりません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The disk is full or failing; nothing was saved. Free some space and retry.</source>
        <translation>ディスクの容量不足または故障のため、保存されていません。空き容量を確保してからやり直してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The vault is busy (another window is writing); try again in a moment.</source>
        <translation>予約データが使用中です（別の画面が書き込み中）。少し待ってからやり直してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type a receipt number, a phone number (or its last 4), kana or a name.</source>
        <translation>受付番号、電話番号（または下4桁）、フリガナ、氏名のいずれかを入力してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The vault cannot be used: {detail}</source>
        <translation>予約データを使用できません：{detail}</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location line="-91"/>
        <source>Booked</source>
        <translation>予約済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attended</source>
        <translation>来場済</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show</source>
        <translation>不来場</translation>
    </message>
</context>
</TS>
