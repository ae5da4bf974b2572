-- The plain single-transaction shape of a `hot` order, for comparison only (the server uses two transactions):
-- the minimum writes of one order in one transaction, the hot stock row locked first and held to the commit.
-- Variables (pgbench -D): users hot idbase seq=0
\set seq :seq + 1
\set oid :idbase + :client_id * 1000000000 + :seq
\set uid random(1, :users)
\set c1 100 + (:hot * 7919) % 9900
BEGIN;
UPDATE product_stocks SET quantity = quantity - 1 WHERE product_id = :hot AND quantity >= 1;
insert into orders (completed_at,coupon_id,created_at,discount_amount,original_amount,payment_id,status,total_amount,updated_at,user_id,id) values (now(),NULL,now(),0.00,:c1::numeric/100,NULL,'COMPLETED',:c1::numeric/100,now(),:uid,:oid);
insert into order_products (order_id,line_no,product_id,quantity,unit_price) values (:oid,0,:hot,1,:c1::numeric/100);
select amount from balances where user_id=:uid for no key update \gset
update balances set amount=:amount::numeric-:c1::numeric/100 where user_id=:uid;
insert into balance_history (amount,balance_after,created_at,order_id,type,user_id,id) values (:c1::numeric/100,:amount::numeric-:c1::numeric/100,now(),:oid,'USE',:uid,:oid);
insert into payments (amount,created_at,failure_code,order_id,status,succeeded_order_id,user_id,id) values (:c1::numeric/100,now(),NULL,:oid,'SUCCEEDED',:oid,:uid,:oid);
update orders set payment_id=:oid where id=:oid;
insert into order_events (created_at,order_id,snapshot,type,id) values (now(),:oid,format('{"orderId":%s,"userId":%s,"status":"COMPLETED","couponId":%s,"originalAmount":%s,"discountAmount":0.00,"totalAmount":%s,"paymentId":%s,"completedAt":"%s","items":[{"productId":%s,"quantity":1,"unitPrice":%s,"totalPrice":%s}]}',:oid::bigint,:uid::bigint,'null',round(:c1::numeric/100,2),round(:c1::numeric/100,2),:oid::bigint,(to_json(date_trunc('milliseconds',now() at time zone 'UTC'))#>>'{}')||'Z',:hot::bigint,round(:c1::numeric/100,2),round(:c1::numeric/100,2)),'ORDER_COMPLETED',:oid);
COMMIT;
